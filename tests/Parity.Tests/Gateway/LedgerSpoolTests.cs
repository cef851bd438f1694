using Parity.Gateway;

namespace Parity.Tests.Gateway;

/// <summary>A node's ledger spool for PostgreSQL: its records, its lock, and what a later node imports.</summary>
public sealed class LedgerSpoolTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("parity-spool-").FullName;

    private static LedgerEntry Entry(int i) => new()
    {
        RequestId = "req_" + i,
        At = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero).AddSeconds(i),
        KeyId = "key_a",
        Route = "r",
        Model = "m",
        InputTokens = i,
        OutputTokens = 2 * i,
        CostUsd = i / 3m,
        LatencyMs = 0.25 * i,
        Status = 200,
        Error = i % 5 == 0 ? "upstream_\"quoted\"\n" : null,
        Streamed = i % 2 == 0,
        Attempts = 1,
        UsageSource = "upstream",
    };

    [Fact]
    public void A_live_spool_is_not_taken_and_a_dead_ones_complete_records_are_read_back_exactly()
    {
        using var live = new LedgerSpool(folder, "live-node");
        live.Append(Entry(1));

        // A node that died: its lock file is there but nobody holds it, and its last record was cut short.
        var dead = new LedgerSpool(folder, "dead-node");
        for (var i = 0; i < 5; i++)
        {
            dead.Append(Entry(i));
        }

        var segment = Directory.GetFiles(folder, "spool.dead-node.*.jsonl").Single();
        dead.Dispose(); // not committed: the segment is kept (truncated to its records), the lock released
        File.AppendAllText(segment, "{\"request_id\":\"req_cut"); // a record the kill cut short

        var orphans = LedgerSpool.TakeOrphans(folder);
        orphans.Select(o => o.Node).ShouldBe(["dead-node"]); // the live spool's lock is held, in this process too
        orphans[0].Segments.ShouldBe([segment]);
        var rows = PostgresLedgerBatch.ParseLines(LedgerSpool.CompleteRecords(segment).Span, segment);
        rows.Count.ShouldBe(5);
        var expected = new object[LedgerInserter.Columns.Length];
        LedgerInserter.Values(Entry(0), expected);
        var columns = LedgerInserter.Columns.ToList();
        rows[0][columns.IndexOf("request_id")].ShouldBe("req_0");
        rows[0][columns.IndexOf("error")].ShouldBe("upstream_\"quoted\"\n");
        rows[3][columns.IndexOf("cost_usd")].ShouldBe(1m);
        rows[3][columns.IndexOf("latency_ms")].ShouldBe(0.75m);
        rows[3][columns.IndexOf("streamed")].ShouldBe(0);
        rows[2][columns.IndexOf("streamed")].ShouldBe(1);
        rows[0][columns.IndexOf("at")].ShouldBe(expected[columns.IndexOf("at")]);

        orphans[0].Delete();
        Directory.GetFiles(folder, "spool.dead-node.*").ShouldBeEmpty();
        LedgerSpool.TakeOrphans(folder).ShouldBeEmpty();
    }

    [Fact]
    public void A_spool_whose_records_are_all_committed_leaves_nothing_behind_and_a_bad_line_names_its_file_and_byte()
    {
        var spool = new LedgerSpool(folder, "clean-node");
        var segment = spool.Append(Entry(1));
        spool.Append(Entry(2));
        spool.Committed(segment, 2);
        spool.Dispose();
        Directory.GetFiles(folder).ShouldBeEmpty();

        var path = Path.Combine(folder, "spool.x.000001.jsonl");
        var ex = Should.Throw<ParityException>(() => PostgresLedgerBatch.ParseLines("{\"request_id\":\"a\",\"at\":\"2026-11-01T12:00:00.0000000Z\",\"route\":\"r\",\"node\":\"n\"}\n[1]\n"u8, path));
        ex.Message.ShouldBe($"{path}, byte 78: not a ledger record (not a JSON object).");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
