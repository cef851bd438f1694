using Dapper;
using Parity.Gateway;
using Parity.Storage;

namespace Parity.Server.Tests.Gateway;

/// <summary>The PostgreSQL ledger's spool and batches, without a gateway around them.</summary>
public sealed class PostgresLedgerTests
{
    private static LedgerEntry Entry(string id, decimal cost) => new()
    {
        RequestId = id,
        At = DateTimeOffset.UtcNow,
        KeyId = "key_sweep",
        Route = "r",
        Model = "m",
        InputTokens = 10,
        OutputTokens = 20,
        CostUsd = cost,
        Status = 200,
        Attempts = 1,
        UsageSource = "upstream",
    };

    [Fact]
    public async Task A_running_node_imports_the_spool_of_a_node_gone_since_and_a_record_twice_is_one_row()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return;
        }

        ParityStore.OpenPostgres(db.ConnectionString).Dispose(); // the schema
        var folder = Directory.CreateTempSubdirectory("parity-pgledger-").FullName;
        try
        {
            await using (var live = new PostgresLedger(db.ConnectionString, folder, "live", reconcile: false, _ => null, TimeSpan.FromMilliseconds(20), sweepEvery: TimeSpan.FromMilliseconds(200)))
            {
                await live.AppendAsync(Entry("req_live", 0.5m));

                // A node that spooled three records (one of them also written by the live node) and died before its batch.
                var gone = new LedgerSpool(folder, "gone");
                gone.Append(Entry("req_gone_1", 1m));
                gone.Append(Entry("req_gone_2", 2m));
                gone.Append(Entry("req_live", 0.5m));
                gone.Dispose();

                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (live.RecoveredSinceStart < 2 && clock.Elapsed < TimeSpan.FromSeconds(10))
                {
                    await Task.Delay(50);
                }

                live.RecoveredSinceStart.ShouldBe(2);
                live.SweepError.ShouldBeNull();
            }

            using var store = ParityStore.OpenPostgres(db.ConnectionString);
            store.Connection.Query<string>("SELECT request_id FROM gateway_ledger ORDER BY request_id").ShouldBe(["req_gone_1", "req_gone_2", "req_live"]);
            store.Connection.ExecuteScalar<decimal>("SELECT SUM(cost_usd) FROM gateway_ledger").ShouldBe(3.5m);
            Directory.GetFiles(folder).ShouldBeEmpty(); // both spools written and deleted
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
