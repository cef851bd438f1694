using Parity.Evals;
using Parity.Providers;
using Parity.Storage;
using Parity.Tests.Providers;

namespace Parity.Tests.Evals;

/// <summary>
/// The stored <c>attempts</c> of a result is the number of calls the upstream received for it,
/// retries included, whether the call ended answered or failed. One row per upstream behaviour.
/// </summary>
public sealed class EvalAttemptsTests : IDisposable
{
    private const int MaxRetries = 2;
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"parity-attempts-{Guid.NewGuid():N}.db");
    private readonly EvalSuite _suite = SuiteLoader.Load("gsm8k");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" })
        {
            File.Delete(f);
        }
    }

    /// <summary>Case, the upstream's reply to the 1st, 2nd ... call for the item (the last repeats), the stored status and attempts.</summary>
    public static TheoryData<string, string[], string, int> Behaviours() => new()
    {
        { "answered at once", ["ok"], EvalResultRecord.Ok, 1 },
        { "a 500, then an answer", ["500", "ok"], EvalResultRecord.Ok, 2 },
        { "two 429s, then an answer", ["429", "429", "ok"], EvalResultRecord.Ok, 3 },
        { "a garbled body, then an answer", ["garbled", "ok"], EvalResultRecord.Ok, 2 },
        { "a 500 every time: retries exhausted", ["500"], EvalResultRecord.Failed, 1 + MaxRetries },
        { "a 503 then 429s: retries exhausted", ["503", "429"], EvalResultRecord.Failed, 1 + MaxRetries },
        { "a garbled body every time", ["garbled"], EvalResultRecord.Failed, 1 + MaxRetries },
        { "a 400: not retried", ["400"], EvalResultRecord.Failed, 1 },
        { "a 500, then a 400", ["500", "400"], EvalResultRecord.Failed, 2 },
    };

    [Theory]
    [MemberData(nameof(Behaviours))]
    public async Task Attempts_equal_the_calls_the_upstream_received(string @case, string[] replies, string status, int attempts)
    {
        var item = _suite.Items[0];
        await using var upstream = await TestUpstream.StartAsync(r => Reply(replies[Math.Min(r.AttemptForPrompt, replies.Length) - 1], item));
        using var registry = Registry(upstream);
        using var store = ParityStore.OpenSqlite(_db);
        var evals = new EvalStore(store);
        var runner = new EvalRunner(evals, registry);

        var summary = await runner.ExecuteAsync(runner.Plan(Options("a", item)), CancellationToken.None);

        var row = evals.Results(summary.Run.Id).ShouldHaveSingleItem();
        row.Status.ShouldBe(status, @case);
        upstream.RequestCount.ShouldBe(attempts, @case);
        row.Attempts.ShouldBe(upstream.RequestCount, @case);
    }

    [Fact]
    public async Task A_failed_row_answered_on_resume_counts_the_calls_of_both_invocations()
    {
        var item = _suite.Items[0];
        var failing = true;
        await using var upstream = await TestUpstream.StartAsync(r => Reply(failing ? "500" : "ok", item));
        using var registry = Registry(upstream);
        using var store = ParityStore.OpenSqlite(_db);
        var evals = new EvalStore(store);
        var runner = new EvalRunner(evals, registry);

        var first = await runner.ExecuteAsync(runner.Plan(Options("resume", item)), CancellationToken.None);
        evals.Results(first.Run.Id).ShouldHaveSingleItem().Attempts.ShouldBe(1 + MaxRetries);

        failing = false;
        await runner.ExecuteAsync(runner.Plan(Options("resume", item)), CancellationToken.None);
        var row = evals.Results(first.Run.Id).ShouldHaveSingleItem();
        row.Status.ShouldBe(EvalResultRecord.Ok);
        row.Attempts.ShouldBe(upstream.RequestCount);
        row.Attempts.ShouldBe(2 + MaxRetries);
    }

    [Fact]
    public async Task A_model_that_answers_nothing_is_named_as_failed_and_one_that_answers_once_is_not()
    {
        var items = _suite.Items.Take(3).ToArray();
        await using var upstream = await TestUpstream.StartAsync(r => r.Model == "down" || (r.Model == "flaky" && r.Prompt != items[1].Prompt)
            ? new UpstreamReply.Status(400)
            : Reply("ok", items.First(i => i.Prompt == r.Prompt)));
        using var registry = Registry(upstream);
        using var store = ParityStore.OpenSqlite(_db);
        var runner = new EvalRunner(new EvalStore(store), registry);

        var summary = await runner.ExecuteAsync(runner.Plan(Options("failed", items) with { Models = ["vllm:down", "vllm:flaky", "vllm:up"] }), CancellationToken.None);

        summary.FailedModels.Select(m => m.Model).ShouldBe(["vllm:down"]);
        summary.FailedModels[0].Errors.ShouldBe(3);
    }

    private static UpstreamReply Reply(string kind, EvalItem item) => kind switch
    {
        "ok" => new UpstreamReply.Answer($"```json\n{{\"reasoning\": \"...\", \"answer\": \"{item.Reference}\"}}\n```"),
        "garbled" => new UpstreamReply.Malformed(),
        _ => new UpstreamReply.Status(int.Parse(kind, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static ProviderRegistry Registry(TestUpstream upstream) =>
        new(environment: n => n == "VLLM_BASE_URL" ? upstream.BaseUrl.ToString() : null)
        {
            LimitsOverride = l => l with { BaseDelay = TimeSpan.FromMilliseconds(1), MaxRetries = MaxRetries, Timeout = TimeSpan.FromSeconds(5) },
        };

    private EvalRunOptions Options(string run, params EvalItem[] items) => new()
    {
        RunName = run,
        Suite = _suite,
        Items = items,
        Models = ["vllm:m"],
        Concurrency = 4,
    };
}
