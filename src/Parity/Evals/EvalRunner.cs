using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Parity.Providers;

namespace Parity.Evals;

/// <summary>
/// Runs a suite against models: every (item, sample, model) call not already answered in the
/// stored run is made with bounded concurrency, scored at once, and written to the store in
/// batches. Interrupting and re-running with the same run name resumes without paying again for
/// answered calls. Calls stop being started once <see cref="EvalRunOptions.MaxCost"/> is reached.
/// </summary>
public sealed class EvalRunner
{
    private readonly EvalStore _store;
    private readonly ProviderRegistry _registry;
    private readonly CallPricer? _pricer;
    private readonly TimeProvider _time;

    public EvalRunner(EvalStore store, ProviderRegistry registry, CallPricer? pricer = null, TimeProvider? time = null)
    {
        _store = store;
        _registry = registry;
        _pricer = pricer;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Opens (or resumes) the run and works out which calls remain.</summary>
    public EvalRunPlan Plan(EvalRunOptions options)
    {
        if (options.Models.Count == 0)
        {
            throw new ParityException("Give at least one --model provider:model.");
        }

        if (options.Concurrency < 1)
        {
            throw new ParityException("--concurrency must be at least 1.");
        }

        if (options.Samples < 1)
        {
            throw new ParityException("--samples must be at least 1.");
        }

        var models = options.Models.Select(_registry.Create).ToList();
        var duplicate = models.GroupBy(m => m.Address.ToString()).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ParityException($"Model '{duplicate.Key}' is given twice.");
        }

        var run = _store.OpenRun(options.RunName, options.Suite.Name, options.Suite.Scorer.Name, options.SettingsJson);
        var answered = _store.Answered(run.Id);
        var work = new List<WorkItem>();
        var progress = new List<EvalModelProgress>();
        var requests = options.Items.Select(i => JsonSerializer.Serialize(new[] { new { role = "user", content = i.Prompt } })).ToArray();
        foreach (var model in models)
        {
            var name = model.Address.ToString();
            var done = 0L;
            for (var i = 0; i < options.Items.Count; i++)
            {
                for (var s = 0; s < options.Samples; s++)
                {
                    if (answered.Contains((name, options.Items[i].Id, s)))
                    {
                        done++;
                    }
                }
            }

            progress.Add(new EvalModelProgress(name, (long)options.Items.Count * options.Samples, done));
        }

        // Interleave models item by item, so that every model advances together and a stopped run is still paired.
        for (var i = 0; i < options.Items.Count; i++)
        {
            for (var s = 0; s < options.Samples; s++)
            {
                for (var m = 0; m < models.Count; m++)
                {
                    if (!answered.Contains((progress[m].Model, options.Items[i].Id, s)))
                    {
                        work.Add(new WorkItem(m, i, s));
                    }
                }
            }
        }

        var (spent, _) = _store.Spent(run.Id);
        return new EvalRunPlan(options, run, models, progress, work, requests, spent);
    }

    /// <summary>Makes the remaining calls. Cancelling stops new calls; finished ones are kept.</summary>
    public async Task<EvalRunSummary> ExecuteAsync(EvalRunPlan plan, CancellationToken cancellationToken)
    {
        var options = plan.Options;
        var started = Stopwatch.GetTimestamp();
        var writer = new EvalResultWriter(_store, plan.Run.Id);
        var spent = plan.AlreadySpent;
        var spentGate = new Lock();
        var stopped = false;
        foreach (var p in plan.Progress)
        {
            p.Start();
        }

        try
        {
            await Parallel.ForEachAsync(
                plan.Work,
                new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
                async (work, token) =>
                {
                    if (options.MaxCost is { } max)
                    {
                        lock (spentGate)
                        {
                            if (spent >= max)
                            {
                                stopped = true;
                                return;
                            }
                        }
                    }

                    var record = await CallAsync(plan, work, token);
                    var progress = plan.Progress[work.Model];
                    if (record.Status == EvalResultRecord.Ok)
                    {
                        var cost = record.CostUsd is { } c ? (decimal)c : (decimal?)null;
                        progress.Answered(cost);
                        if (cost is { } known)
                        {
                            lock (spentGate)
                            {
                                spent += known;
                            }
                        }
                    }
                    else
                    {
                        progress.Failed();
                    }

                    writer.Post(record);
                });
        }
        finally
        {
            await writer.CompleteAsync();
        }

        return new EvalRunSummary(plan.Run, plan.Progress, stopped, spent, Stopwatch.GetElapsedTime(started));
    }

    private async Task<EvalResultRecord> CallAsync(EvalRunPlan plan, WorkItem work, CancellationToken cancellationToken)
    {
        var options = plan.Options;
        var item = options.Items[work.Item];
        var model = plan.Models[work.Model];
        var calledAt = _time.GetUtcNow();
        var request = new ChatRequest
        {
            Messages = [ChatMessage.User(item.Prompt)],
            MaxTokens = options.Suite.MaxTokens,
            Temperature = options.Temperature,
            Stream = options.Stream,
            Item = options.Suite.ReplaySuite is { } replaySuite ? new ReplayKey(replaySuite, item.Id) : null,
        };
        var record = new EvalResultRecord
        {
            Model = model.Address.ToString(),
            ItemId = item.Id,
            Sample = work.Sample,
            Status = EvalResultRecord.Failed,
            Request = plan.RequestJson[work.Item],
            Reference = item.Reference,
            Attempts = 1,
            CalledAt = calledAt.ToString("O", CultureInfo.InvariantCulture),
        };

        ChatResult result;
        try
        {
            result = await model.CompleteAsync(request, cancellationToken);
        }
        catch (ProviderCallException ex)
        {
            return record with { Error = ex.Message, Attempts = ex.Attempts };
        }

        var score = await options.Suite.Scorer.ScoreAsync(item, result.Content, cancellationToken);
        var cost = _pricer?.Invoke(model.Address.Provider, model.Address.Model, calledAt, result.Usage);
        return record with
        {
            Status = EvalResultRecord.Ok,
            Completion = result.Content,
            FinishReason = result.FinishReason,
            PromptTokens = result.Usage.PromptTokens,
            CompletionTokens = result.Usage.CompletionTokens,
            CachedTokens = result.Usage.CachedTokens,
            ReasoningTokens = result.Usage.ReasoningTokens,
            LatencyMs = result.Latency.TotalMilliseconds,
            Attempts = result.Attempts,
            CostUsd = cost is { } c ? (double)c : null,
            Score = score.Score,
            Extracted = score.Extracted,
        };
    }

    internal readonly record struct WorkItem(int Model, int Item, int Sample);
}
