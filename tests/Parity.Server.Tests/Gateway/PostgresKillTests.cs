using System.Collections.Concurrent;
using System.Net;
using Dapper;
using Parity.Storage;

namespace Parity.Server.Tests.Gateway;

/// <summary>kill -9 of one of two gateway nodes on PostgreSQL under load: its spool keeps every answered request.</summary>
public sealed class PostgresKillTests
{
    [Fact]
    public async Task Kill_9_of_a_node_under_load_loses_no_answered_request_and_records_none_twice()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return;
        }

        // Batches every 2 s, so that the killed node surely had answered requests only in its spool.
        await using var nodes = await PostgresChildNodes.StartAsync(db.ConnectionString, 2, "\n  batchMilliseconds: 2000\n  lease: { seconds: 60 }"); // the survivor sweeps for dead spools every 30 s: after the checks below
        var key = await nodes.CreateKeyAsync("kill", budget: 100, rpm: 1_000_000, tpm: 1_000_000_000);
        var answered = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var victim = nodes.Nodes[0].Process;
        var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var node = w % 2;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await nodes.ChatAsync(node, key);
                    await response.Content.ReadAsStringAsync();
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        answered[response.Headers.GetValues("x-request-id").Single()] = node;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    if (node == 0 && victim.HasExited)
                    {
                        return;
                    }
                }
            }
        })).ToList();

        // Under load until the node to be killed has answered a few dozen requests (a slow machine takes longer).
        await Poll.UntilAsync(() => answered.Count(a => a.Value == 0) >= 30, TimeSpan.FromSeconds(15));

        await nodes.KillAsync(0); // SIGKILL: no shutdown code runs
        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var fromVictim = answered.Count(a => a.Value == 0);
        fromVictim.ShouldBeGreaterThan(20);
        answered.Count(a => a.Value == 1).ShouldBeGreaterThan(0);
        using var store = ParityStore.OpenPostgres(db.ConnectionString);
        await Task.Delay(2500); // the surviving node's next batch
        var before = store.Connection.Query<string>("SELECT request_id FROM gateway_ledger").ToHashSet();
        answered.Keys.Count(id => !before.Contains(id)).ShouldBeGreaterThan(0, "the killed node had answered requests not yet in PostgreSQL");

        // The node starts again on the same spool folder: it imports what the killed process spooled.
        await nodes.RestartAsync(0);
        string.Join('\n', nodes.Nodes[0].Output).ShouldContain("ledger records from the spool of a node that stopped");
        var recorded = store.Connection.Query<string>("SELECT request_id FROM gateway_ledger").ToList();
        var lost = answered.Keys.Where(id => !recorded.Contains(id)).ToList();
        lost.ShouldBeEmpty($"{lost.Count} of {answered.Count} answered requests ({fromVictim} by the killed node) are missing from the ledger");
        recorded.Count.ShouldBe(recorded.Distinct().Count());
        store.Connection.ExecuteScalar<long>("SELECT COUNT(*) - COUNT(DISTINCT request_id) FROM gateway_ledger").ShouldBe(0);

        // A second import of the same spool adds nothing: the imported spool is gone, and a row per request id.
        await nodes.StopAsync(0);
        await nodes.RestartAsync(0);
        store.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_ledger").ShouldBe(recorded.Count);
        Directory.GetFiles(Path.Combine(nodes.Folder, "ledger-spool"), "*.jsonl").Length.ShouldBeLessThanOrEqualTo(2); // the two live nodes' segments
    }
}
