using Dapper;
using Parity.Gateway;
using Parity.Storage;

namespace Parity.Tests.Gateway;

public sealed class LedgerAndUsageTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("parity-ledger-").FullName;

    private string DbPath => Path.Combine(folder, "ledger.db");

    private static LedgerEntry Entry(int i, string model, string origin, bool open, long input, long output, decimal cost, int status = 200) => new()
    {
        RequestId = "req_" + i,
        At = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero).AddMinutes(i),
        Route = "r",
        Model = model,
        Provider = "p",
        Vendor = model.StartsWith("us", StringComparison.Ordinal) ? "OpenAI" : "DeepSeek",
        Origin = origin,
        OpenWeights = open,
        InputTokens = input,
        OutputTokens = output,
        CostUsd = cost,
        LatencyMs = 10,
        Status = status,
        Attempts = 1,
        UsageSource = "upstream",
    };

    [Fact]
    public async Task Concurrent_appends_share_commits_and_all_land()
    {
        await using (var writer = new LedgerWriter(ParityStore.OpenSqlite(DbPath)))
        {
            var tasks = Enumerable.Range(0, 2000).Select(i => Task.Run(() => writer.AppendAsync(Entry(i, "cn", "CN", true, 10, 5, 0.001m))));
            await Task.WhenAll(tasks);
            writer.Written.ShouldBe(2000);
            writer.Batches.ShouldBeLessThan(2000); // group commit: many records per transaction
        }

        using var store = ParityStore.OpenSqlite(DbPath);
        store.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_ledger").ShouldBe(2000);
        store.Connection.ExecuteScalar<string>("PRAGMA journal_mode").ShouldBe("wal");
    }

    [Fact]
    public async Task Usage_groups_by_origin_and_prices_the_same_traffic_on_a_flagship()
    {
        await using (var writer = new LedgerWriter(ParityStore.OpenSqlite(DbPath)))
        {
            await writer.AppendAsync(Entry(1, "cn-a", "CN", true, 1000, 500, 0.0005m));
            await writer.AppendAsync(Entry(2, "cn-a", "CN", true, 3000, 500, 0.0010m));
            await writer.AppendAsync(Entry(3, "us-b", "US", false, 1000, 0, 0.0100m));
            await writer.AppendAsync(Entry(4, "us-b", "US", false, 0, 0, 0m, status: 502));
            await writer.AppendAsync(Entry(100, "cn-a", "CN", true, 9999, 9999, 1m)); // after --to
        }

        using var store = ParityStore.OpenSqlite(DbPath);
        var to = new DateTimeOffset(2026, 11, 1, 13, 0, 0, TimeSpan.Zero);
        var summary = UsageReport.Build(store, UsageGrouping.Origin, null, to, ("flag", new ModelPrice(1.25m, 10, null, "test")));
        summary.Requests.ShouldBe(4);
        summary.Errors.ShouldBe(1);
        summary.Rows.Select(r => r.Group).ShouldBe(["US closed", "CN open"]);
        summary.InputTokens.ShouldBe(5000);
        summary.OutputTokens.ShouldBe(1000);
        summary.CostUsd.ShouldBe(0.0115m);
        summary.ChineseOpenWeightTokenShare.ShouldBe(5000d / 6000, 1e-12);
        summary.Rows.Single(r => r.Group == "CN open").TokenShare.ShouldBe(5000d / 6000, 1e-12);
        summary.Flagship!.CostUsd.ShouldBe(0.01625m);
        summary.Flagship.Ratio!.Value.ShouldBe(0.01625 / 0.0115, 1e-9);

        var byModel = UsageReport.Build(store, UsageGrouping.Model, new DateTimeOffset(2026, 11, 1, 12, 1, 30, TimeSpan.Zero), to);
        byModel.Requests.ShouldBe(3); // 12:02, 12:03 and 12:04
        byModel.Flagship.ShouldBeNull();
    }

    [Fact]
    public void Model_prices_cost_cached_tokens_at_the_cache_rate()
    {
        var price = new ModelPrice(0.28m, 0.42m, 0.028m, "test");
        price.Cost(1000, 500, 200).ShouldBe(0.0004396m); // (800 × 0.28 + 200 × 0.028 + 500 × 0.42) / 10⁶, exactly
        new ModelPrice(1, 2, null, "test").Cost(1000, 0, 400).ShouldBe(0.001m);
        price.Blended.ShouldBe(0.315m);
    }

    [Fact]
    public async Task In_memory_limits_reserve_then_settle_and_start_from_the_ledger()
    {
        var key = new VirtualKey { Id = "key_1", Name = "k", Prefix = "pk-1", BudgetUsd = 1.0m, Period = BudgetPeriod.Day, Rpm = 3, CreatedAt = DateTimeOffset.UtcNow };
        var limits = new InMemoryKeyLimits((_, _) => 0.5m); // the ledger says $0.50 is already spent today
        var now = DateTimeOffset.UtcNow;
        (await limits.TryAdmitAsync(key, 0.3m, now, default)).ShouldBe(AdmissionResult.Admitted);
        (await limits.TryAdmitAsync(key, 0.3m, now, default)).ShouldBe(AdmissionResult.OverBudget); // 0.5 + 0.3 + 0.3 > 1
        await limits.SettleAsync(key, 0.3m, 0.1m, 100, now, default);
        (await limits.BudgetStateAsync(key, now, default)).ShouldBe((0.6m, 0m));
        (await limits.TryAdmitAsync(key, 0.3m, now, default)).ShouldBe(AdmissionResult.Admitted);
        (await limits.TryAdmitAsync(key, 0.01m, now, default)).ShouldBe(AdmissionResult.Admitted); // the third this minute (the refused one does not count)
        (await limits.TryAdmitAsync(key, 0.01m, now, default)).ShouldBe(AdmissionResult.OverRequestsPerMinute);
    }

    [Fact]
    public void Budget_periods_start_at_utc_calendar_boundaries()
    {
        var at = new DateTimeOffset(2026, 11, 26, 15, 30, 0, TimeSpan.FromHours(8)); // Thursday 07:30 UTC
        BudgetPeriods.StartOf(BudgetPeriod.Day, at).ShouldBe(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
        BudgetPeriods.StartOf(BudgetPeriod.Week, at).ShouldBe(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        BudgetPeriods.StartOf(BudgetPeriod.Month, at).ShouldBe(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        Should.Throw<ParityException>(() => BudgetPeriods.Parse("fortnight", "--period")).Message.ShouldContain("--period");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
