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

                // The live node's own batch must land first: if a sweep imported the gone spool's copy before it
                // (a loaded machine), that copy is the new row and the count is 3, which is right but not this case.
                using (var check = ParityStore.OpenPostgres(db.ConnectionString))
                {
                    (await Poll.UntilAsync(
                        () => check.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_ledger WHERE request_id = 'req_live'") > 0,
                        TimeSpan.FromSeconds(10),
                        TimeSpan.FromMilliseconds(10))).ShouldBeTrue("the live node's batch did not land in 10 s");
                }

                // A node that spooled three records (one of them also written by the live node) and died before its batch.
                var gone = new LedgerSpool(folder, "gone");
                gone.Append(Entry("req_gone_1", 1m));
                gone.Append(Entry("req_gone_2", 2m));
                gone.Append(Entry("req_live", 0.5m));
                gone.Dispose();

                await Poll.UntilAsync(() => live.RecoveredSinceStart >= 2, TimeSpan.FromSeconds(10));

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

    [Fact]
    public async Task Every_field_of_a_record_reaches_its_column_as_the_one_column_mapping_gives_it()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return;
        }

        ParityStore.OpenPostgres(db.ConnectionString).Dispose();
        var folder = Directory.CreateTempSubdirectory("parity-pgledger-").FullName;
        var full = new LedgerEntry
        {
            RequestId = "req_full", At = new DateTimeOffset(2026, 11, 3, 4, 5, 6, 789, TimeSpan.Zero), KeyId = "key_full", Route = "learned-math",
            Model = "qwen-2.5-7b", Provider = "local", Vendor = "Alibaba", Origin = "CN", OpenWeights = true,
            InputTokens = 1234, OutputTokens = 56, CachedTokens = 7, CostUsd = 0.000123456789m, LatencyMs = 12.5, Status = 200,
            Error = "first upstream: http_5xx", Streamed = true, Attempts = 2, UsageSource = "upstream", Node = "node-a",
            RouteScore = 0.4375, RouteThreshold = 0.5, RouteChoice = "weak", EstimatedInputTokens = 1200, ReservedUsd = 0.0002m,
        };
        var sparse = new LedgerEntry { RequestId = "req_sparse", At = full.At, Route = "r", Status = 401, UsageSource = "none", Node = "node-a" };
        try
        {
            await using (var live = new PostgresLedger(db.ConnectionString, folder, "node-a", reconcile: false, _ => null, TimeSpan.FromMilliseconds(20)))
            {
                await live.AppendAsync(full);
                await live.AppendAsync(sparse);
                await live.FlushAsync();
            }

            using var store = ParityStore.OpenPostgres(db.ConnectionString);
            foreach (var entry in new[] { full, sparse })
            {
                var expected = new object[LedgerInserter.Columns.Length];
                LedgerInserter.Values(entry, expected);
                var row = (IDictionary<string, object?>)store.Connection.QuerySingle(
                    $"SELECT {string.Join(", ", LedgerInserter.Columns)} FROM gateway_ledger WHERE request_id = @id", new { id = entry.RequestId });
                for (var c = 0; c < expected.Length; c++)
                {
                    var column = LedgerInserter.Columns[c];
                    var actual = row[column] ?? DBNull.Value;
                    (expected[c] is DBNull ? "null" : Convert.ToString(expected[c], System.Globalization.CultureInfo.InvariantCulture))
                        .ShouldBe(actual is DBNull ? "null" : Convert.ToString(actual, System.Globalization.CultureInfo.InvariantCulture), $"{entry.RequestId}.{column}");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_batch_with_a_record_already_written_moves_the_spend_by_its_new_records_only()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return;
        }

        ParityStore.OpenPostgres(db.ConnectionString).Dispose();
        var key = new VirtualKey { Id = "key_sweep", Name = "k", Prefix = "pk-1", BudgetUsd = 100m, Period = BudgetPeriod.Month, CreatedAt = DateTimeOffset.UtcNow };
        using var dataSource = Npgsql.NpgsqlDataSource.Create(db.ConnectionString);
        using var batch = new PostgresLedgerBatch(dataSource, reconcile: true, id => id == key.Id ? key : null);

        batch.Write([Entry("req_a", 1m), Entry("req_b", 2m)], "node-a").ShouldBe(2);
        batch.RepeatedBatches.ShouldBe(0);
        batch.Write([Entry("req_b", 2m), Entry("req_c", 4m)], "node-a").ShouldBe(1); // req_b again: a retry whose first commit had gone through
        batch.RepeatedBatches.ShouldBe(1);
        batch.Write([Entry("req_d", 8m)], "node-a").ShouldBe(1); // and the next batch takes the direct path again
        batch.RepeatedBatches.ShouldBe(1);

        using var store = ParityStore.OpenPostgres(db.ConnectionString);
        store.Connection.Query<string>("SELECT request_id FROM gateway_ledger ORDER BY request_id").ShouldBe(["req_a", "req_b", "req_c", "req_d"]);
        store.Connection.ExecuteScalar<decimal>("SELECT SUM(spent_usd) FROM gateway_key_spend WHERE key_id = 'key_sweep'").ShouldBe(15m);
    }

    [Fact]
    public void Costs_keep_every_digit_and_their_scale_through_the_encoded_copy()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return;
        }

        ParityStore.OpenPostgres(db.ConnectionString).Dispose();
        decimal[] costs =
        [
            0m, 0.0m, 1m, 10000m, 9999.9999m, 0.50m, 0.000123456789m, 0.0000000001m, 12345678.87654321m,
            7922816251426433759354395033.5m, 0.0000000000000000000000000001m, 100000000.00000001m, 2.5e-7m, 1234m, 12345m,
        ];
        using var dataSource = Npgsql.NpgsqlDataSource.Create(db.ConnectionString);
        using var batch = new PostgresLedgerBatch(dataSource, reconcile: false, _ => null);
        batch.Write([.. costs.Select((c, i) => Entry($"req_{i:00}", c) with { ReservedUsd = -c })], "node-a").ShouldBe(costs.Length);

        using var store = ParityStore.OpenPostgres(db.ConnectionString);
        var stored = store.Connection.Query<(string Cost, string Reserved)>("SELECT cost_usd::text, reserved_usd::text FROM gateway_ledger ORDER BY request_id").ToList();
        stored.Select(r => r.Cost).ShouldBe(costs.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        stored.Select(r => r.Reserved).ShouldBe(costs.Select(c => (-c).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
