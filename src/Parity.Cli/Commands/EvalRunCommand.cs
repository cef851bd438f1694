using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Parity.Evals;
using Parity.Providers;
using Parity.Storage;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Parity.Cli.Commands;

/// <summary><c>parity eval run</c>: runs a suite against one or more models, resumably.</summary>
internal static class EvalRunCommand
{
    public static Command Create(CliContext context)
    {
        var suite = new Option<string>("--suite") { Description = "Suite: gsm8k, mgsm, mgsm-<lang>, mmlu, cmmlu, cmath, humaneval, mbpp, or the path of a .jsonl file (see 'parity eval suites')", Required = true };
        var models = new Option<string[]>("--model") { Description = "A model as provider:model (e.g. deepseek:deepseek-chat, openai:gpt-4o-mini, replay:Qwen2-72B-Instruct); repeat for more", Required = true, AllowMultipleArgumentsPerToken = false };
        var limit = new Option<int?>("--limit") { Description = "Run only the first N items (after --sample)" };
        var sample = new Option<int?>("--sample") { Description = "Run a random sample of N items (the same for every model; see --seed)" };
        var seed = new Option<int>("--seed") { Description = "Seed for --sample", DefaultValueFactory = _ => 0 };
        var concurrency = new Option<int>("--concurrency") { Description = "Calls in flight at once, over all models", DefaultValueFactory = _ => 32 };
        var maxCost = new Option<decimal?>("--max-cost") { Description = "Stop starting calls once the run has spent this many US dollars (priced calls only)" };
        var runName = new Option<string?>("--run") { Description = "Name of the run in the store; run again with the same name to resume (default: <suite>-<UTC time>)" };
        var samples = new Option<int>("--samples") { Description = "Answers per item and model (for pass@k on code suites)", DefaultValueFactory = _ => 1 };
        var temperature = new Option<double?>("--temperature") { Description = "Sampling temperature (default 0, or 0.8 with --samples > 1)" };
        var stream = new Option<bool>("--stream") { Description = "Use streaming responses (server-sent events)" };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds one attempt may take before it is retried (default 180)" };
        var retries = new Option<int?>("--retries") { Description = "Retries per call on 429, 5xx, timeouts and dropped connections (default 6)" };
        var replayDir = new Option<string?>("--replay-dir") { Description = "Folder of recorded outputs for replay: models (default: PARITY_REPLAY_DIR, replay_dir in parity.yaml, else the shipped recordings)" };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("run", "Run a suite against models. Every call and its answer, tokens, latency, cost and score go to the store, so an interrupted run resumes without paying again. Exits 1 when a model answered nothing (every call to it failed).")
        {
            suite, models, limit, sample, seed, concurrency, maxCost, runName, samples, temperature, stream, timeout, retries, replayDir, format,
        };

        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            var suiteName = parse.GetValue(suite)!;
            var loaded = SuiteLoader.Load(suiteName);
            var chosen = ItemSelection.Select(loaded.Items, parse.GetValue(limit), parse.GetValue(sample), parse.GetValue(seed));
            var sampleCount = parse.GetValue(samples);
            var settings = new Dictionary<string, object?>
            {
                ["suiteSource"] = suiteName,
                ["limit"] = parse.GetValue(limit),
                ["sample"] = parse.GetValue(sample),
                ["seed"] = parse.GetValue(seed),
                ["samples"] = sampleCount,
            };
            var name = parse.GetValue(runName) ?? $"{loaded.Name}-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}";
            var settingsJson = JsonSerializer.Serialize(settings);
            var timeoutSeconds = parse.GetValue(timeout);
            var retryCount = parse.GetValue(retries);
            using var registry = new ProviderRegistry(ProviderConfigFile.LoadDefault(), replayRoot: parse.GetValue(replayDir))
            {
                LimitsOverride = l => l with
                {
                    Timeout = timeoutSeconds is { } t ? TimeSpan.FromSeconds(t) : l.Timeout,
                    MaxRetries = retryCount ?? l.MaxRetries,
                },
            };
            using var store = ParityStore.OpenSqlite(parse.GetValue(GlobalOptions.Db)!);
            var evalStore = new EvalStore(store);
            if (evalStore.FindRun(name) is { } existing && existing.Settings != settingsJson)
            {
                throw new ParityException(
                    $"Run '{name}' was started with other item settings ({existing.Settings}); resume it with the same --suite, --limit, --sample, --seed and --samples, or choose another --run name.");
            }

            var pricer = EvalPricing.Create();
            var runner = new EvalRunner(evalStore, registry, pricer);
            var plan = runner.Plan(new EvalRunOptions
            {
                RunName = name,
                Suite = loaded,
                Items = chosen,
                Models = parse.GetValue(models)!,
                Concurrency = parse.GetValue(concurrency),
                MaxCost = parse.GetValue(maxCost),
                Samples = sampleCount,
                Temperature = parse.GetValue(temperature) ?? (sampleCount > 1 ? 0.8 : 0),
                Stream = parse.GetValue(stream),
                SettingsJson = settingsJson,
            });

            if (loaded.Licence.Contains("NON-COMMERCIAL", StringComparison.Ordinal))
            {
                await context.Error.WriteLineAsync($"note: {loaded.Name} is licensed {loaded.Licence}.");
            }

            var resumed = plan.Progress.Sum(p => p.AlreadyDone);
            if (resumed > 0)
            {
                await context.Error.WriteLineAsync($"resuming run '{name}': {resumed:N0} calls already answered, {plan.Remaining:N0} to go");
            }

            var execution = runner.ExecuteAsync(plan, cancellationToken);
            if (context.Console.Profile.Capabilities.Interactive)
            {
                await context.Console.Live(ProgressTable(plan, name)).AutoClear(false).StartAsync(async live =>
                {
                    while (!execution.IsCompleted)
                    {
                        await Task.WhenAny(execution, Task.Delay(250, CancellationToken.None));
                        live.UpdateTarget(ProgressTable(plan, name));
                    }
                });
            }

            var summary = await execution;
            var maxCostValue = parse.GetValue(maxCost);
            if (maxCostValue is not null && summary.UnknownCostCalls > 0)
            {
                await context.Error.WriteLineAsync($"warning: {summary.UnknownCostCalls:N0} answered calls have no known price (no catalog price or no usage reported); --max-cost counts only priced calls.");
            }

            if (summary.StoppedAtMaxCost)
            {
                await context.Error.WriteLineAsync($"stopped: the run reached --max-cost {maxCostValue:0.00} USD (spent {summary.SpentUsd:0.0000} USD); run again with a higher --max-cost and --run {name} to finish.");
            }

            var results = evalStore.Results(summary.Run.Id);
            var report = EvalReportBuilder.Build(summary.Run, results, summary.Progress.Select(p => p.Model).ToList());
            var failed = summary.FailedModels;
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, new
                {
                    run = name,
                    suite = loaded.Name,
                    items = chosen.Count,
                    elapsedSeconds = summary.Elapsed.TotalSeconds,
                    stoppedAtMaxCost = summary.StoppedAtMaxCost,
                    spentUsd = summary.SpentUsd,
                    models = summary.Progress.Select(p => new
                    {
                        model = p.Model,
                        answered = p.AlreadyDone + p.Done,
                        answeredNow = p.Done,
                        errors = p.Errors,
                        costUsd = p.UnknownCostCalls > 0 && p.Cost == 0 ? (decimal?)null : p.Cost,
                        unknownCostCalls = p.UnknownCostCalls,
                        accuracy = report.Models.FirstOrDefault(m => m.Model == p.Model)?.Accuracy,
                        everyCallFailed = failed.Contains(p),
                    }),
                });
                return await AllFailedAsync(context, failed, results);
            }

            if (!context.Console.Profile.Capabilities.Interactive)
            {
                context.Console.Write(ProgressTable(plan, name));
            }

            var table = new Table().AddColumns("model", "accuracy", "95% CI", "items", "errors");
            foreach (var m in report.Models)
            {
                table.AddRow(Markup.Escape(m.Model), EvalFormat.Percent(m.Accuracy), EvalFormat.Interval(m.AccuracyLow, m.AccuracyHigh), m.Items.ToString("N0"), m.Errors.ToString("N0"));
            }

            context.Console.Write(table);
            context.Console.WriteLine($"run '{name}' stored in {store.Location}; details: parity eval report {name}");
            return await AllFailedAsync(context, failed, results);
        });
        return command;
    }

    /// <summary>
    /// A model that answered nothing makes the run fail (exit 1), with one line per such model saying
    /// so and why (the last error stored for it), so that scripts and people do not read its empty row as a result.
    /// </summary>
    private static async Task<int> AllFailedAsync(CliContext context, IReadOnlyList<EvalModelProgress> failed, IReadOnlyList<EvalResultRecord> results)
    {
        foreach (var model in failed)
        {
            var last = results.LastOrDefault(r => r.Model == model.Model && r.Error is not null)?.Error;
            await context.Error.WriteLineAsync($"error: every call to {model.Model} failed ({model.Errors:N0} calls, none answered){(last is null ? "" : "; last error: " + last.ReplaceLineEndings(" "))}");
        }

        return failed.Count > 0 ? 1 : 0;
    }

    private static IRenderable ProgressTable(EvalRunPlan plan, string name)
    {
        var table = new Table().Title($"{Markup.Escape(name)}: {Markup.Escape(plan.Options.Suite.Name)}")
            .AddColumns("model", "done", "total", "items/s", "spent (USD)", "errors");
        foreach (var p in plan.Progress)
        {
            var spent = p.UnknownCostCalls > 0 && p.Cost == 0 ? "unknown" : p.Cost.ToString("0.0000", CultureInfo.InvariantCulture) + (p.UnknownCostCalls > 0 ? $" (+{p.UnknownCostCalls:N0} unpriced)" : string.Empty);
            table.AddRow(
                Markup.Escape(p.Model),
                (p.AlreadyDone + p.Done).ToString("N0"),
                p.Total.ToString("N0"),
                p.ItemsPerSecond.ToString("N1", CultureInfo.InvariantCulture),
                spent,
                p.Errors.ToString("N0"));
        }

        return table;
    }
}
