using Dapper;
using Parity.Gateway;
using Parity.Storage;

namespace Parity.Tests.Gateway;

public sealed class LedgerLogTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("parity-ledgerlog-").FullName;

    private string DbPath => Path.Combine(folder, "ledger.db");

    private static LedgerEntry Entry(int i) => new()
    {
        RequestId = "req_" + i,
        At = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero).AddSeconds(i),
        KeyId = i % 2 == 0 ? "key_a" : null,
        Route = "r",
        Model = "m",
        Provider = "p",
        Origin = "CN",
        OpenWeights = i % 3 == 0 ? null : i % 3 == 1,
        InputTokens = i,
        OutputTokens = 2 * i,
        CostUsd = i / 3m,
        LatencyMs = 0.1 * i,
        Status = 200,
        Error = i % 5 == 0 ? "upstream_\"quoted\"\n" : null,
        Attempts = 1,
        UsageSource = "upstream",
        RouteScore = i % 2 == 0 ? i / 1000.0 : null,
        RouteThreshold = i % 2 == 0 ? 0.5 : null,
        RouteChoice = i % 2 == 0 ? "m" : null,
    };

    [Fact]
    public async Task Concurrent_appends_are_grouped_and_every_record_is_imported_once_with_its_exact_values()
    {
        await using (var log = new LedgerLog(ParityStore.OpenSqlite(DbPath), TimeSpan.FromMilliseconds(20)))
        {
            await Task.WhenAll(Enumerable.Range(0, 3000).Select(i => Task.Run(() => log.Append(Entry(i)))));
            log.Written.ShouldBe(3000);
            log.Batches.ShouldBeLessThanOrEqualTo(3000);

            // A reader imports while the gateway's own importer runs: still exactly once.
            using var reader = ParityStore.OpenSqlite(DbPath);
            LedgerLog.ImportPending(reader);
            reader.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_ledger").ShouldBe(3000);
        }

        using var store = ParityStore.OpenSqlite(DbPath);
        store.Connection.ExecuteScalar<long>("SELECT COUNT(DISTINCT request_id) FROM gateway_ledger").ShouldBe(3000);
        store.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_ledger").ShouldBe(3000);
        var row = store.Connection.QuerySingle("SELECT * FROM gateway_ledger WHERE request_id = 'req_10'");
        Money.Read((object?)row.cost_usd)!.Value.ShouldBe(10 / 3m); // exact: the decimal's 28 digits, as text
        ((string)row.error).ShouldBe("upstream_\"quoted\"\n");
        ((long?)row.open_weights).ShouldBe(1);
        ((string)row.key_id).ShouldBe("key_a");
        ((string)row.at).ShouldBe("2026-11-01T12:00:10.0000000Z");
        ((double?)row.route_score).ShouldBe(0.01);
        ((double?)row.route_threshold).ShouldBe(0.5);
        ((string)row.route_choice).ShouldBe("m");
        var unrouted = store.Connection.QuerySingle("SELECT * FROM gateway_ledger WHERE request_id = 'req_11'");
        ((double?)unrouted.route_score).ShouldBeNull();
        ((string?)unrouted.route_choice).ShouldBeNull();
        Directory.GetFiles(folder, "*.jsonl").ShouldBeEmpty(); // imported segments are removed on close
    }

    [Fact]
    public async Task A_killed_writers_records_are_imported_and_a_record_cut_short_is_not()
    {
        var log = new LedgerLog(ParityStore.OpenSqlite(DbPath), TimeSpan.FromHours(1));
        for (var i = 0; i < 10; i++)
        {
            log.Append(Entry(i));
        }

        // No DisposeAsync: as after kill -9, the segment keeps its full mapped size with zeros after the records.
        var segment = Directory.GetFiles(folder, "*.jsonl").Single();
        new FileInfo(segment).Length.ShouldBe(LedgerLog.SegmentBytes);
        var end = Array.IndexOf(File.ReadAllBytes(segment), (byte)0);
        end.ShouldBeGreaterThan(0);

        // A record whose copy was cut short: its start and its end landed, the middle is still zeros.
        using (var file = new FileStream(segment, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Position = end;
            file.Write("{\"request_id\":\"req_torn\","u8);
            file.Position = end + 200;
            file.Write("\"node\":\"n\"}\n"u8);
        }

        using (var store = ParityStore.OpenSqlite(DbPath))
        {
            LedgerLog.ImportPending(store).ShouldBe(10);
            LedgerLog.ImportPending(store).ShouldBe(0);
            store.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_ledger").ShouldBe(10);
        }

        // The next gateway on this ledger finishes the dead segment and removes it.
        await using (var next = new LedgerLog(ParityStore.OpenSqlite(DbPath), TimeSpan.FromHours(1)))
        {
            // Removed (the new segment may reuse its number): the torn record went with it.
            Directory.GetFiles(folder, "*.jsonl").Single().ShouldBe(segment);
            File.ReadAllText(segment).ShouldNotContain("req_torn");
            next.Append(Entry(10));
        }

        using var after = ParityStore.OpenSqlite(DbPath);
        after.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_ledger").ShouldBe(11);
        after.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_ledger WHERE request_id = 'req_torn'").ShouldBe(0);
        Directory.GetFiles(folder, "*.jsonl").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_full_segment_rolls_over_to_the_next_and_is_truncated_to_its_records()
    {
        await using var log = new LedgerLog(ParityStore.OpenSqlite(DbPath), TimeSpan.FromHours(1));
        var first = Directory.GetFiles(folder, "*.jsonl").Single();
        var big = Entry(1) with { Error = new string('x', 1024 * 1024) }; // ~1 MB a record: 64 fill a segment
        for (var i = 0; i < 70; i++)
        {
            log.Append(big with { RequestId = "req_big_" + i });
        }

        var segments = Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal).ToList();
        segments.Count.ShouldBe(2);
        segments[0].ShouldBe(first);
        var firstBytes = File.ReadAllBytes(first);
        firstBytes.Length.ShouldBeLessThan((int)LedgerLog.SegmentBytes);
        firstBytes[^1].ShouldBe((byte)'\n');
        firstBytes.ShouldNotContain((byte)0);

        using var reader = ParityStore.OpenSqlite(DbPath);
        LedgerLog.ImportPending(reader).ShouldBe(70);
        reader.Connection.ExecuteScalar<long>("SELECT COUNT(DISTINCT request_id) FROM gateway_ledger").ShouldBe(70);
        reader.Connection.ExecuteScalar<long>("SELECT MIN(LENGTH(error)) FROM gateway_ledger").ShouldBe(1024 * 1024);
    }

    [Fact]
    public async Task Prefaulting_a_segment_changes_none_of_its_bytes_even_while_it_is_appended_to_and_closed()
    {
        var path = Path.Combine(folder, "segment.jsonl");
        var segment = MappedSegment.Create(path, 4 * 1024 * 1024);
        var line = "{\"request_id\":\"x\"}\n"u8.ToArray();
        using var stop = new CancellationTokenSource();
        var prefaulter = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                segment.Prefault(64 * 1024);
            }
        });
        var appended = 0;
        while (segment.TryAppend(line) && ++appended < 100_000)
        {
        }

        segment.Close(); // while the prefaulter may be mapping pages
        await stop.CancelAsync();
        await prefaulter;
        segment.Prefault(64 * 1024); // after close: nothing to do, no error

        var bytes = File.ReadAllBytes(path);
        bytes.Length.ShouldBe(appended * line.Length); // truncated to the records
        for (var i = 0; i < appended; i++)
        {
            bytes.AsSpan(i * line.Length, line.Length).SequenceEqual(line).ShouldBeTrue($"record {i}");
        }
    }

    [Fact]
    public void A_line_that_is_not_a_record_is_named_by_file_and_byte()
    {
        var store = ParityStore.OpenSqlite(DbPath);
        File.WriteAllText(DbPath + "-ledger.000001.jsonl", "{\"request_id\":\"a\",\"at\":\"2026-11-01T12:00:00.0000000Z\",\"route\":\"r\",\"node\":\"n\"}\n{\"request_id\":1}\n");
        var error = Should.Throw<ParityException>(() => LedgerLog.ImportPending(store));
        error.Message.ShouldContain("ledger.db-ledger.000001.jsonl, byte 78");
        store.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_ledger").ShouldBe(0); // all or nothing
        store.Dispose();
    }

    [Fact]
    public void Records_in_any_property_order_with_unknown_properties_and_escapes_import_exactly()
    {
        using var store = ParityStore.OpenSqlite(DbPath);
        var lines = new System.Text.StringBuilder();
        // 40 records: one 32-row insert and 8 single ones, every value bound from the chunk read.
        for (var i = 0; i < 40; i++)
        {
            lines.Append(i % 2 == 0
                ? $"{{\"node\":\"n{i}\",\"extra\":{{\"a\":[1,2]}},\"route\":\"\\u901a\\u4e49 \\\"r\\\"\",\"at\":\"2026-11-01T12:00:00.0000000Z\",\"model\":\"\",\"request_id\":\"req_{i}\",\"cost_usd\":0.5}}\n"
                : $"{{\"request_id\":\"req_{i}\",\"at\":\"2026-11-01T12:00:00.0000000Z\",\"route\":\"plain\",\"model\":\"m{i}\",\"input_tokens\":{i},\"node\":\"n{i}\"}}\n");
        }

        File.WriteAllText(DbPath + "-ledger.000001.jsonl", lines.ToString());
        LedgerLog.ImportPending(store).ShouldBe(40);
        var rows = store.Connection.Query("SELECT request_id, route, model, node, input_tokens, cost_usd, usage_source FROM gateway_ledger ORDER BY id").ToList();
        rows.Count.ShouldBe(40);
        for (var i = 0; i < 40; i++)
        {
            ((string)rows[i].request_id).ShouldBe($"req_{i}");
            ((string)rows[i].node).ShouldBe($"n{i}");
            ((string)rows[i].usage_source).ShouldBe("none");
            if (i % 2 == 0)
            {
                ((string)rows[i].route).ShouldBe("通义 \"r\"");
                ((string)rows[i].model).ShouldBe("");
                ((string)rows[i].cost_usd).ShouldBe("0.5");
            }
            else
            {
                ((string)rows[i].route).ShouldBe("plain");
                ((string)rows[i].model).ShouldBe($"m{i}");
                ((long)rows[i].input_tokens).ShouldBe(i);
            }
        }
    }

    [Theory]
    [InlineData("2026-11-01 12:00:00Z")]
    [InlineData("2026-13-01T12:00:00.0000000Z")]
    [InlineData("2026-11-01T12:00:00.0000000+01:00")]
    public void A_time_not_in_the_ledgers_utc_form_is_named_with_its_file_and_byte(string at)
    {
        using var store = ParityStore.OpenSqlite(DbPath);
        File.WriteAllText(DbPath + "-ledger.000001.jsonl", $"{{\"request_id\":\"a\",\"at\":\"{at}\",\"route\":\"r\",\"node\":\"n\"}}\n");
        var error = Should.Throw<ParityException>(() => LedgerLog.ImportPending(store));
        error.Message.ShouldContain("ledger.db-ledger.000001.jsonl, byte 0");
        error.Message.ShouldContain(at);
        store.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_ledger").ShouldBe(0);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
