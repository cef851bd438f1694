using System.Net;

namespace Parity.Server.Tests.Gateway;

/// <summary>
/// Exact limits on PostgreSQL with clients that leave in the middle of their requests: the node must go on
/// answering. (Npgsql cancels a statement by opening a connection and waiting on it synchronously; run from a
/// request's cancellation on a socket thread, that wait needed the very socket threads the statements were
/// holding, and the node stopped answering anyone.)
/// </summary>
public sealed class ExactLimitsAbortTests
{
    [Fact]
    public async Task Clients_that_go_away_during_admission_do_not_stop_the_node()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return;
        }

        await using var nodes = await PostgresChildNodes.StartAsync(db.ConnectionString, 1, "\n  limits: exact");
        var key = await nodes.CreateKeyAsync("leaving", budget: 1000, rpm: 100_000_000, tpm: 2_000_000_000);

        // 32 clients, each giving up on its request after 0 to 4 ms (most while the node waits on PostgreSQL), for 4 s.
        var aborted = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (clock.Elapsed < TimeSpan.FromSeconds(4))
            {
                using var leave = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(0, 5)));
                try
                {
                    using var response = await nodes.ChatAsync(0, key, cancellationToken: leave.Token);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref aborted);
                }
            }
        })));
        aborted.ShouldBeGreaterThan(100);

        // Every client that stays is answered.
        for (var i = 0; i < 10; i++)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await nodes.ChatAsync(0, key, cancellationToken: patience.Token);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // And the reservations of the requests whose clients left are all given back once they are settled.
        using var store = Parity.Storage.ParityStore.OpenPostgres(db.ConnectionString);
        var reserved = -1m;
        await Poll.UntilAsync(
            () => (reserved = Dapper.SqlMapper.ExecuteScalar<decimal>(store.Connection, "SELECT COALESCE(SUM(reserved_usd), 0) FROM gateway_key_spend")) == 0,
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(100));

        var metrics = await nodes.Nodes[0].Client.GetStringAsync("/metrics");
        var inflight = metrics.Split('\n').Where(l => l.StartsWith("parity_gateway_in_flight", StringComparison.Ordinal) || l.StartsWith("parity_gateway_requests_total", StringComparison.Ordinal));
        var rows = Dapper.SqlMapper.Query<(int, long, decimal)>(store.Connection, "SELECT status, COUNT(*), SUM(reserved_usd) FROM gateway_ledger GROUP BY status");
        reserved.ShouldBe(0m, string.Join("\n", inflight) + "\n" + string.Join("\n", rows) + "\n" + string.Join("\n", nodes.Nodes[0].Output.Take(60)));
    }
}
