using Dapper;
using Parity.Gateway;
using Parity.Storage;

namespace Parity.Tests.Gateway;

/// <summary>Money is exact from the reservation to the ledger's sums: no binary floating point on the way.</summary>
public sealed class MoneyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("parity-money-").FullName;

    private string DbPath => Path.Combine(folder, "ledger.db");

    private static readonly VirtualKey Key = new() { Id = "key_money", Name = "m", Prefix = "pk-m", BudgetUsd = 1000m, Period = BudgetPeriod.Total, CreatedAt = DateTimeOffset.UnixEpoch };

    [Fact]
    public async Task Ten_thousand_requests_at_a_cent_and_a_half_settle_to_exactly_150_dollars_with_nothing_left_reserved()
    {
        var now = DateTimeOffset.UtcNow;
        var limits = new InMemoryKeyLimits((_, _) => 0m);
        await using (var ledger = new LedgerLog(ParityStore.OpenSqlite(DbPath)))
        {
            // Reserved with a worst case of two cents and settled at a cent and a half, 4 at a time.
            await Parallel.ForAsync(0, 10_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
            {
                (await limits.TryAdmitAsync(Key, 0.02m, now, ct)).ShouldBe(AdmissionResult.Admitted);
                await limits.SettleAsync(Key, 0.02m, 0.015m, 10, now, ct);
                await ledger.AppendAsync(new LedgerEntry { RequestId = $"req_{i}", At = now, KeyId = Key.Id, Route = "r", Model = "m", CostUsd = 0.015m, Status = 200 });
            });
        }

        (await limits.BudgetStateAsync(Key, now, default)).ShouldBe((150.000m, 0m));
        using var store = ParityStore.OpenSqlite(DbPath);
        new VirtualKeyStore(store).SpentSince(Key.Id, DateTimeOffset.UnixEpoch).ShouldBe(150m);
        var usage = UsageReport.Build(store, UsageGrouping.Key, null, null);
        usage.CostUsd.ShouldBe(150m);
        usage.CostUsd.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("150.000");

        // What a restart reads back: the spend the next process starts the key's budget from.
        var restarted = new InMemoryKeyLimits(new VirtualKeyStore(store).SpentSince);
        (await restarted.BudgetStateAsync(Key, now, default)).ShouldBe((150m, 0m));
    }

    [Fact]
    public void Amounts_that_binary_floating_point_cannot_hold_are_summed_exactly()
    {
        using var store = ParityStore.OpenSqlite(DbPath);
        store.Connection.ExecuteScalar<string>("SELECT money_sum(x) FROM (SELECT '0.1' AS x UNION ALL SELECT '0.2' UNION ALL SELECT NULL)").ShouldBe("0.3");
        store.Connection.ExecuteScalar<string>("SELECT money_add('0.18', 1.5e-7)").ShouldBe("0.18000015");
        store.Connection.ExecuteScalar<string?>("SELECT money_sum(x) FROM (SELECT NULL AS x)").ShouldBeNull();
        Money.Read("1.9e-16").ShouldBe(0.00000000000000019m);
        Should.Throw<ParityException>(() => Money.Read("abc")).Message.ShouldContain("'abc'");
    }

    [Fact]
    public void A_store_with_binary_floating_point_money_is_migrated_to_exact_text()
    {
        using (var store = ParityStore.OpenSqlite(DbPath))
        {
            // The money columns as versions 400-404 made them (REAL), with values in them.
            store.Connection.Execute("""
                DROP TABLE gateway_ledger;
                CREATE TABLE gateway_ledger (id INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT NOT NULL, at TEXT NOT NULL, key_id TEXT, route TEXT NOT NULL,
                    model TEXT, provider TEXT, vendor TEXT, origin TEXT, open_weights INTEGER, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
                    cached_tokens INTEGER NOT NULL, cost_usd REAL NOT NULL, latency_ms REAL NOT NULL, status INTEGER NOT NULL, error TEXT, streamed INTEGER NOT NULL,
                    attempts INTEGER NOT NULL, usage_source TEXT NOT NULL, node TEXT NOT NULL);
                INSERT INTO gateway_ledger (request_id, at, key_id, route, input_tokens, output_tokens, cached_tokens, cost_usd, latency_ms, status, streamed, attempts, usage_source, node)
                VALUES ('a', '2026-11-01T10:00:00.0000000Z', 'key_a', 'r', 0, 0, 0, 0.18000000000000005, 1, 200, 0, 1, 'upstream', 'n');
                DROP TABLE gateway_keys;
                CREATE TABLE gateway_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, key_prefix TEXT NOT NULL, budget_usd REAL,
                    budget_period TEXT NOT NULL, rpm INTEGER, tpm INTEGER, created_at TEXT NOT NULL, revoked_at TEXT);
                INSERT INTO gateway_keys VALUES ('key_a', 'a', 'hash', 'pk-a', 0.5, 'day', NULL, NULL, '2026-11-01T00:00:00.0000000Z', NULL);
                DELETE FROM schema_migrations WHERE version = 405;
                """);
        }

        using var reopened = ParityStore.OpenSqlite(DbPath);
        reopened.AppliedVersions().ShouldContain(405);
        reopened.Connection.ExecuteScalar<string>("SELECT typeof(cost_usd) || ' ' || cost_usd FROM gateway_ledger").ShouldBe("text 0.18");
        new VirtualKeyStore(reopened).Find("key_a")!.BudgetUsd.ShouldBe(0.5m);
        reopened.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'gateway_ledger_at'").ShouldBe(1);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
