using Parity.Evals;
using Parity.Providers;
using Parity.Storage;
using Parity.Tests.Providers;

namespace Parity.Tests.Evals;

/// <summary>The runner against a real loopback upstream: storage, scoring, cost, resume, errors, --max-cost.</summary>
public sealed class EvalRunnerTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"parity-evals-{Guid.NewGuid():N}.db");
    private readonly EvalSuite _suite = SuiteLoader.Load("gsm8k");

    public void Dispose()
    {
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" })
        {
            File.Delete(f);
        }
    }

    /// <summary>"good" answers every item right; "half" only the even rows; both in ZeroEval's JSON format.</summary>
    private UpstreamReply Answer(UpstreamRequest r)
    {
        var item = _suite.Items.First(i => i.Prompt == r.Prompt);
        var right = r.Model == "good" || int.Parse(item.Id, System.Globalization.CultureInfo.InvariantCulture) % 2 == 0;
        var answer = right ? item.Reference : "-1";
        return new UpstreamReply.Answer($"```json\n{{\"reasoning\": \"...\", \"answer\": \"{answer}\"}}\n```", PromptTokens: 1000, CompletionTokens: r.Model == "good" ? 500 : 100);
    }

    private static ProviderRegistry Registry(TestUpstream upstream) =>
        new(environment: n => n == "VLLM_BASE_URL" ? upstream.BaseUrl.ToString() : null)
        {
            LimitsOverride = l => l with { BaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 2, Timeout = TimeSpan.FromSeconds(5) },
        };

    /// <summary>$1 per million input tokens and $2 per million output tokens for "vllm:good"; "half" costs a tenth of that.</summary>
    private static decimal? Pricer(string provider, string model, DateTimeOffset at, TokenUsage usage) =>
        usage.IsKnown ? (usage.PromptTokens!.Value * 1m + usage.CompletionTokens!.Value * 2m) / 1_000_000m * (model == "good" ? 1m : 0.1m) : null;

    private EvalRunOptions Options(string run, int items, params string[] models) => new()
    {
        RunName = run,
        Suite = _suite,
        Items = _suite.Items.Take(items).ToList(),
        Models = models,
        Concurrency = 8,
    };

    [Fact]
    public async Task Every_call_is_stored_scored_and_priced_and_the_report_pairs_the_models()
    {
        await using var upstream = await TestUpstream.StartAsync(Answer);
        using var registry = Registry(upstream);
        using var store = ParityStore.OpenSqlite(_db);
        var evals = new EvalStore(store);
        var runner = new EvalRunner(evals, registry, Pricer);

        var summary = await runner.ExecuteAsync(runner.Plan(Options("r1", 20, "vllm:good", "vllm:half")), CancellationToken.None);

        upstream.RequestCount.ShouldBe(40);
        summary.Progress.Sum(p => p.Done).ShouldBe(40);
        var rows = evals.Results(summary.Run.Id);
        rows.Count.ShouldBe(40);
        rows.ShouldAllBe(r => r.Status == "ok" && r.PromptTokens == 1000 && r.LatencyMs > 0 && r.Request.Contains("## Question"));
        rows.Where(r => r.Model == "vllm:good").Sum(r => r.CostUsd!.Value).ShouldBe(20 * 0.002, 1e-12);

        var report = EvalReportBuilder.Build(summary.Run, rows);
        var good = report.Models.Single(m => m.Model == "vllm:good");
        var half = report.Models.Single(m => m.Model == "vllm:half");
        good.Accuracy.ShouldBe(1.0);
        half.Accuracy.ShouldBe(0.5);
        good.CostPer1000Items.ShouldBe(2.0m);
        half.CostPer1000Items.ShouldBe(0.12m);
        good.MeanCompletionTokens.ShouldBe(500);
        var pair = report.Pairs.Single();
        pair.OnlyA.ShouldBe(10);
        pair.OnlyB.ShouldBe(0);
        pair.PValue.ShouldBe(2.0 / 1024, 1e-12);
        pair.Cheaper.ShouldBe("vllm:half");
        pair.SavingPer1000.ShouldBe(1.88m);
        pair.Verdict.ShouldBe("Switching from vllm:good to vllm:half saves $1.88 per 1,000 items (94%); vllm:half is significantly less accurate (−50.0 pt, 95% CI -71.9 to -28.1 pt, p = 0.0020).");
    }

    [Fact]
    public async Task A_second_invocation_of_a_finished_run_calls_nothing()
    {
        await using var upstream = await TestUpstream.StartAsync(Answer);
        using var registry = Registry(upstream);
        using var store = ParityStore.OpenSqlite(_db);
        var runner = new EvalRunner(new EvalStore(store), registry, Pricer);
        await runner.ExecuteAsync(runner.Plan(Options("r2", 10, "vllm:good")), CancellationToken.None);

        var again = runner.Plan(Options("r2", 15, "vllm:good"));
        again.Remaining.ShouldBe(5);
        await runner.ExecuteAsync(again, CancellationToken.None);

        upstream.RequestCount.ShouldBe(15);
        upstream.Requests.GroupBy(r => r.Prompt).ShouldAllBe(g => g.Count() == 1);
    }

    [Fact]
    public async Task Failed_calls_are_stored_as_errors_and_retried_on_resume()
    {
        var failing = true;
        var broken = _suite.Items[3].Prompt;
        await using var upstream = await TestUpstream.StartAsync(r => failing && r.Prompt == broken ? new UpstreamReply.Status(400) : Answer(r));
        using var registry = Registry(upstream);
        using var store = ParityStore.OpenSqlite(_db);
        var evals = new EvalStore(store);
        var runner = new EvalRunner(evals, registry, Pricer);

        var first = await runner.ExecuteAsync(runner.Plan(Options("r3", 6, "vllm:good")), CancellationToken.None);
        first.Progress[0].Errors.ShouldBe(1);
        var error = evals.Results(first.Run.Id).Single(r => r.Status == "error");
        error.ItemId.ShouldBe("3");
        error.Error!.ShouldContain("HTTP 400");

        failing = false;
        var plan = runner.Plan(Options("r3", 6, "vllm:good"));
        plan.Remaining.ShouldBe(1);
        await runner.ExecuteAsync(plan, CancellationToken.None);
        evals.Results(first.Run.Id).ShouldAllBe(r => r.Status == "ok");
    }

    [Fact]
    public async Task The_run_stops_starting_calls_at_max_cost()
    {
        await using var upstream = await TestUpstream.StartAsync(Answer);
        using var registry = Registry(upstream);
        using var store = ParityStore.OpenSqlite(_db);
        var runner = new EvalRunner(new EvalStore(store), registry, Pricer);
        var options = Options("r4", 100, "vllm:good") with { Concurrency = 1, MaxCost = 0.01m }; // $0.002 a call

        var summary = await runner.ExecuteAsync(runner.Plan(options), CancellationToken.None);

        summary.StoppedAtMaxCost.ShouldBeTrue();
        upstream.RequestCount.ShouldBe(5);
        summary.SpentUsd.ShouldBe(0.010m);
    }

    [Fact]
    public async Task An_unknown_price_is_stored_as_unknown_not_zero()
    {
        await using var upstream = await TestUpstream.StartAsync(Answer);
        using var registry = Registry(upstream);
        using var store = ParityStore.OpenSqlite(_db);
        var evals = new EvalStore(store);
        var runner = new EvalRunner(evals, registry, (_, _, _, _) => null);

        var summary = await runner.ExecuteAsync(runner.Plan(Options("r5", 3, "vllm:good") with { MaxCost = 1m }), CancellationToken.None);

        summary.UnknownCostCalls.ShouldBe(3);
        evals.Results(summary.Run.Id).ShouldAllBe(r => r.CostUsd == null);
        EvalReportBuilder.Build(summary.Run, evals.Results(summary.Run.Id)).Models[0].CostUsd.ShouldBeNull();
    }

    [Fact]
    public async Task Streaming_runs_store_the_same_answers()
    {
        await using var upstream = await TestUpstream.StartAsync(Answer);
        using var registry = Registry(upstream);
        using var store = ParityStore.OpenSqlite(_db);
        var evals = new EvalStore(store);
        var runner = new EvalRunner(evals, registry, Pricer);

        var summary = await runner.ExecuteAsync(runner.Plan(Options("r6", 5, "vllm:good") with { Stream = true }), CancellationToken.None);

        upstream.Requests.ShouldAllBe(r => r.Stream);
        evals.Results(summary.Run.Id).ShouldAllBe(r => r.Score == 1 && r.CompletionTokens == 500);
    }

    [Fact]
    public async Task The_api_key_goes_to_its_provider_and_nowhere_into_the_store()
    {
        const string key = "sk-do-not-store-7f3a9c";
        await using var upstream = await TestUpstream.StartAsync(Answer);
        using (var registry = new ProviderRegistry(environment: n => n switch
        {
            "DEEPSEEK_API_KEY" => key,
            "DEEPSEEK_BASE_URL" => upstream.BaseUrl.ToString(),
            _ => null,
        }))
        using (var store = ParityStore.OpenSqlite(_db))
        {
            var runner = new EvalRunner(new EvalStore(store), registry, Pricer);
            await runner.ExecuteAsync(runner.Plan(Options("key", 5, "deepseek:good")), CancellationToken.None);
        }

        upstream.Requests.ShouldAllBe(r => r.Authorization == "Bearer " + key);
        foreach (var file in new[] { _db, _db + "-wal" }.Where(File.Exists))
        {
            System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(file)).ShouldNotContain(key);
        }
    }

    [Fact]
    public async Task A_cancelled_run_keeps_every_finished_answer_and_resumes_with_the_rest()
    {
        using var cancel = new CancellationTokenSource();
        await using var upstream = await TestUpstream.StartAsync(r =>
        {
            if (r.Number == 30)
            {
                cancel.Cancel(); // Ctrl-C while calls are in flight
            }

            return Answer(r) is UpstreamReply.Answer a ? a with { Delay = TimeSpan.FromMilliseconds(5) } : Answer(r);
        });
        using var registry = Registry(upstream);
        using var store = ParityStore.OpenSqlite(_db);
        var evals = new EvalStore(store);
        var runner = new EvalRunner(evals, registry, Pricer);

        await Should.ThrowAsync<OperationCanceledException>(() => runner.ExecuteAsync(runner.Plan(Options("cancel", 100, "vllm:good") with { Concurrency = 4 }), cancel.Token));

        var run = evals.GetRun("cancel");
        var kept = evals.Results(run.Id).Where(r => r.Status == "ok").Select(r => r.ItemId).ToHashSet();
        kept.Count.ShouldBeInRange(20, 40);
        var before = upstream.RequestCount;
        var resumed = runner.Plan(Options("cancel", 100, "vllm:good"));
        resumed.Remaining.ShouldBe(100 - kept.Count);
        await runner.ExecuteAsync(resumed, CancellationToken.None);
        evals.Results(run.Id).Count(r => r.Status == "ok").ShouldBe(100);
        upstream.Requests.Skip(before).Select(r => _suite.Items.First(i => i.Prompt == r.Prompt).Id).ShouldAllBe(id => !kept.Contains(id));
    }

    [Fact]
    public async Task Several_samples_per_item_give_pass_at_k()
    {
        // Right on the first sample of each item, wrong on the others: c = 1 of n = 3 → pass@1 = 1/3.
        await using var upstream = await TestUpstream.StartAsync(r =>
        {
            var item = _suite.Items.First(i => i.Prompt == r.Prompt);
            return new UpstreamReply.Answer($"{{\"answer\": \"{(r.AttemptForPrompt == 1 ? item.Reference : "-1")}\"}}");
        });
        using var registry = Registry(upstream);
        using var store = ParityStore.OpenSqlite(_db);
        var evals = new EvalStore(store);
        var runner = new EvalRunner(evals, registry, Pricer);

        var summary = await runner.ExecuteAsync(runner.Plan(Options("r9", 4, "vllm:good") with { Samples = 3, Temperature = 0.8, Concurrency = 1 }), CancellationToken.None);

        upstream.RequestCount.ShouldBe(12);
        var model = EvalReportBuilder.Build(summary.Run, evals.Results(summary.Run.Id)).Models.Single();
        model.Items.ShouldBe(4);
        model.PassAtK["pass@1"].ShouldBe(1.0 / 3, 1e-12);
        model.Accuracy.ShouldBe(1.0 / 3, 1e-12);
        model.PassAtK.ContainsKey("pass@5").ShouldBeFalse();
    }

    [Fact]
    public async Task Replay_models_answer_offline_from_the_shipped_recordings()
    {
        using var registry = new ProviderRegistry(environment: _ => null);
        using var store = ParityStore.OpenSqlite(_db);
        var evals = new EvalStore(store);
        var runner = new EvalRunner(evals, registry);

        var summary = await runner.ExecuteAsync(
            runner.Plan(Options("r7", 1319, "replay:Qwen2-72B-Instruct", "replay:gpt-4o-2024-05-13") with { Concurrency = 16 }),
            CancellationToken.None);

        var report = EvalReportBuilder.Build(summary.Run, evals.Results(summary.Run.Id));
        report.Models.Single(m => m.Model == "replay:Qwen2-72B-Instruct").Accuracy.ShouldBe(0.9265, 0.0001);
        report.Models.Single(m => m.Model == "replay:gpt-4o-2024-05-13").Accuracy.ShouldBe(0.9538, 0.0001);
        var pair = report.Pairs.Single();
        pair.Items.ShouldBe(1319);
        pair.PValue.ShouldBeLessThan(0.05);
        pair.Verdict.ShouldBe("replay:gpt-4o-2024-05-13 is 2.7 pt more accurate (95% CI +1.4 to +4.0 pt, p < 0.0001, significant); costs unknown, so no saving can be stated.");
        report.Models.ShouldAllBe(m => m.CostUsd == null); // the recordings carry no token counts
    }

    [Fact]
    public void A_replay_model_without_recordings_is_a_clear_error()
    {
        using var registry = new ProviderRegistry(environment: _ => null);
        using var store = ParityStore.OpenSqlite(_db);
        var runner = new EvalRunner(new EvalStore(store), registry);
        var plan = runner.Plan(Options("r8", 2, "replay:no-such-model"));

        var ex = Should.Throw<ParityException>(() => runner.ExecuteAsync(plan, CancellationToken.None).GetAwaiter().GetResult());

        ex.Message.ShouldContain("no-such-model");
        ex.Message.ShouldContain("Qwen2-72B-Instruct");
    }
}
