using Dapper;
using Parity.Gateway;
using Parity.Storage;

namespace Parity.Tests.Gateway;

public sealed class KeySpendRollupTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 22, 0, 0, TimeSpan.Zero);

    private readonly string folder = Directory.CreateTempSubdirectory("parity-rollup-").FullName;

    private string DbPath => Path.Combine(folder, "ledger.db");

    // Records every 7 minutes over four hours that cross midnight UTC, for three keys (one with an escaped id) and none.
    private static LedgerEntry Entry(int i) => new()
    {
        RequestId = "req_" + i,
        At = Start.AddMinutes(7 * i),
        KeyId = (i % 4) switch { 0 => "key_a", 1 => "key_b", 2 => "key_\"ü\"", _ => null },
        Route = "r",
        Model = "m",
        CostUsd = (i % 5) * 0.001m + (i * 0.000001m / 3),
        Status = 200,
        UsageSource = "upstream",
    };

    [Fact]
    public async Task The_imported_spend_per_key_and_day_is_the_ledgers_own_sum()
    {
        await using (var log = new LedgerLog(ParityStore.OpenSqlite(DbPath), TimeSpan.FromHours(1)))
        {
            for (var i = 0; i < 35; i++)
            {
                log.Append(Entry(i));
            }
        }

        using var store = ParityStore.OpenSqlite(DbPath);
        var fromLedger = store.Connection.Query<(string Key, string Day, double Spent)>(
            "SELECT key_id, substr(at, 1, 10), SUM(cost_usd) FROM gateway_ledger WHERE key_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2").ToList();
        var rolledUp = store.Connection.Query<(string Key, string Day, double Spent)>(
            "SELECT key_id, day, spent_usd FROM gateway_key_daily_spend ORDER BY 1, 2").ToList();

        fromLedger.Select(r => r.Day).Distinct().ShouldBe(["2026-11-01", "2026-11-02"]);
        rolledUp.Select(r => (r.Key, r.Day)).ShouldBe(fromLedger.Select(r => (r.Key, r.Day)));
        foreach (var (ledger, rollup) in fromLedger.Zip(rolledUp))
        {
            rollup.Spent.ShouldBe(ledger.Spent, 1e-12);
        }
    }

    [Fact]
    public async Task A_keys_spend_since_midnight_or_since_any_moment_matches_the_records()
    {
        var entries = Enumerable.Range(0, 35).Select(Entry).ToList();
        await using (var log = new LedgerLog(ParityStore.OpenSqlite(DbPath), TimeSpan.FromHours(1)))
        {
            entries.ForEach(log.Append);
        }

        var keys = new VirtualKeyStore(ParityStore.OpenSqlite(DbPath));
        foreach (var since in new[] { new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), Start, Start.AddMinutes(50), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), Start.AddHours(3) })
        {
            foreach (var key in new[] { "key_a", "key_b", "key_\"ü\"" })
            {
                var expected = entries.Where(e => e.KeyId == key && e.At >= since).Sum(e => e.CostUsd);
                expected.ShouldBeGreaterThan(0);
                keys.SpentSince(key, since).ShouldBe(expected, $"{key} since {since:O}");
            }
        }
    }

    [Fact]
    public async Task Records_written_in_groups_to_a_sqlite_ledger_are_rolled_up_too()
    {
        var entries = Enumerable.Range(0, 35).Select(Entry).ToList();
        await using (var writer = new LedgerWriter(ParityStore.OpenSqlite(DbPath)))
        {
            foreach (var entry in entries)
            {
                await writer.AppendAsync(entry);
            }
        }

        var keys = new VirtualKeyStore(ParityStore.OpenSqlite(DbPath));
        var midnight = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        keys.SpentSince("key_b", midnight).ShouldBe(entries.Where(e => e.KeyId == "key_b" && e.At >= midnight).Sum(e => e.CostUsd));
    }

    [Fact]
    public void A_ledger_from_before_the_rollup_is_summed_when_the_store_is_opened()
    {
        using (var store = ParityStore.OpenSqlite(DbPath))
        {
            // The schema as version 403 left it, with records in it.
            store.Connection.Execute("""
                DROP TABLE gateway_key_daily_spend;
                CREATE INDEX gateway_ledger_key ON gateway_ledger (key_id, at);
                DELETE FROM schema_migrations WHERE version IN (404, 405);
                INSERT INTO gateway_ledger (request_id, at, key_id, route, input_tokens, output_tokens, cached_tokens, cost_usd, latency_ms, status, streamed, attempts, usage_source, node)
                VALUES ('a', '2026-11-01T10:00:00.0000000Z', 'key_a', 'r', 0, 0, 0, 0.25, 1, 200, 0, 1, 'upstream', 'n'),
                       ('b', '2026-11-01T23:59:59.9999999Z', 'key_a', 'r', 0, 0, 0, 0.5, 1, 200, 0, 1, 'upstream', 'n'),
                       ('c', '2026-11-02T00:00:00.0000000Z', 'key_a', 'r', 0, 0, 0, 2, 1, 200, 0, 1, 'upstream', 'n'),
                       ('d', '2026-11-02T08:00:00.0000000Z', NULL, 'r', 0, 0, 0, 4, 1, 200, 0, 1, 'upstream', 'n');
                """);
        }

        using (var reopened = ParityStore.OpenSqlite(DbPath))
        {
            reopened.AppliedVersions().ShouldContain(404);
            reopened.AppliedVersions().ShouldContain(405);
            reopened.Connection.Query<(string, string, string)>("SELECT key_id, day, spent_usd FROM gateway_key_daily_spend ORDER BY day")
                .ShouldBe([("key_a", "2026-11-01", "0.75"), ("key_a", "2026-11-02", "2.0")]);
            reopened.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'gateway_ledger_key'").ShouldBe(0);
        }

        new VirtualKeyStore(ParityStore.OpenSqlite(DbPath)).SpentSince("key_a", new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)).ShouldBe(2.5m);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
