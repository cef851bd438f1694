using System.Collections.Concurrent;
using System.Net;
using Dapper;
using Parity.Storage;

namespace Parity.Server.Tests.Gateway;

/// <summary>Leased budgets and limits on PostgreSQL, with the nodes as real child processes.</summary>
public sealed class LeaseTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// docs/gateway.md's bound for leased budgets: spend ≤ budget × (1 + nodes × slice) + what the requests
    /// in flight at once overrun their reservations (here at most their whole cost each).
    /// </summary>
    private static decimal Bound(decimal budget, int nodes, decimal slice, int concurrency, decimal largestCost) =>
        budget * (1 + (nodes * slice)) + (concurrency * largestCost);

    [Fact]
    public async Task Two_nodes_and_64_concurrent_requests_whose_usage_is_three_times_the_estimate_stay_within_the_documented_bound()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return;
        }

        const decimal budget = 1m, slice = 0.02m;
        const int concurrency = 64;
        await using var nodes = await PostgresChildNodes.StartAsync(db.ConnectionString, 2, "\n  lease: { slice: 0.02, seconds: 10 }");
        var key = await nodes.CreateKeyAsync("three-times", budget: (double)budget);

        // 64 clients, half on each node, each sending until it is refused: the upstream reports three
        // times the tokens the gateway reserved for (3 x max_tokens of output at $10/M: ~$0.003 a request).
        var statuses = new ConcurrentBag<HttpStatusCode>();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var i = 0; i < 200; i++)
            {
                using var response = await nodes.ChatAsync(worker % 2, key, model: "triple", maxTokens: 100);
                statuses.Add(response.StatusCode);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return;
                }
            }
        }));

        statuses.Where(s => s != HttpStatusCode.OK).ShouldAllBe(s => s == HttpStatusCode.PaymentRequired);
        (await db.WaitForLedgerRowsAsync(statuses.Count)).ShouldBe(statuses.Count);
        using var store = ParityStore.OpenPostgres(db.ConnectionString);
        var spent = store.Connection.ExecuteScalar<decimal>("SELECT SUM(cost_usd) FROM gateway_ledger");
        var largest = store.Connection.ExecuteScalar<decimal>("SELECT MAX(cost_usd) FROM gateway_ledger");
        var served = store.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_ledger WHERE status = 200");
        served.ShouldBe(statuses.Count(s => s == HttpStatusCode.OK));
        largest.ShouldBeGreaterThan(0.0025m); // three times the reservation of about $0.001
        output.WriteLine($"served {served}, spent ${spent} of ${budget}, bound ${Bound(budget, 2, slice, concurrency, largest)}, largest request ${largest}");
        spent.ShouldBeLessThanOrEqualTo(Bound(budget, 2, slice, concurrency, largest));
        spent.ShouldBeGreaterThan(budget * (1 - (2 * slice)) - (concurrency * largest)); // the leases do not strand the budget
        store.Connection.ExecuteScalar<long>("SELECT COUNT(DISTINCT node) FROM gateway_ledger").ShouldBe(2);

        // The batches moved every cost into the key's shared spend, exactly.
        store.Connection.ExecuteScalar<decimal>("SELECT SUM(spent_usd) FROM gateway_key_spend").ShouldBe(spent);

        // A node stopped with SIGTERM gives its lease back.
        await nodes.StopAsync(0);
        await nodes.StopAsync(1);
        store.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_key_leases").ShouldBe(0);
    }

    [Fact]
    public async Task A_killed_nodes_lease_goes_back_to_the_key_after_the_lease_seconds()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return;
        }

        // A slice of 60% of a $0.01 budget, leased for 10 s. A request reserves ~$0.00047 (max_tokens 1100)
        // and costs $0.0004396.
        await using var nodes = await PostgresChildNodes.StartAsync(db.ConnectionString, 2, "\n  lease: { slice: 0.6, seconds: 10 }");
        var key = await nodes.CreateKeyAsync("expiry", budget: 0.01);
        var leasedAt = System.Diagnostics.Stopwatch.StartNew(); // the killed node's lease runs from its first request
        using (var first = await nodes.ChatAsync(0, key, maxTokens: 1100))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await db.WaitForLedgerRowsAsync(1)).ShouldBe(1);
        await nodes.KillAsync(0); // holds about $0.006 of the budget, which nobody gives back now

        async Task<int> ServedUntilRefusedAsync()
        {
            for (var served = 0; ; served++)
            {
                using var response = await nodes.ChatAsync(1, key, maxTokens: 1100);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
                    return served;
                }
            }
        }

        // While the killed node's lease lasts ($0.006, less its one request's $0.00044 once imported), the other
        // node gets only what it leaves, $0.004: 8 reservations of $0.00047, and a 9th as the first 8 settle at $0.00044.
        var whileLeased = await ServedUntilRefusedAsync();
        leasedAt.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(8.5)); // measured inside the lease (used for 90% of its 10 s)
        whileLeased.ShouldBeInRange(6, 9);

        // After it expires, the rest of the budget: (0.01 - spent) / 0.00047 ≈ 13 more. The killed node may have
        // renewed its lease once before the kill (a third of the lease seconds can pass under a loaded machine), so
        // wait for PostgreSQL's own clock to pass the killed node's expiry rather than a fixed 10 s from the first request.
        using (var leases = ParityStore.OpenPostgres(db.ConnectionString))
        {
            var deadline = TimeSpan.FromSeconds(40);
            while (leases.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM gateway_key_leases WHERE expires_at <= now()") == 0)
            {
                leasedAt.Elapsed.ShouldBeLessThan(deadline, "the killed node's lease never expired");
                await Task.Delay(250);
            }

            output.WriteLine($"the killed node's lease had expired {leasedAt.Elapsed.TotalSeconds:0.0} s after its first request");
            leasedAt.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(9.5)); // not before its lease seconds
        }

        var afterExpiry = await ServedUntilRefusedAsync();
        afterExpiry.ShouldBeGreaterThanOrEqualTo(10);

        (await db.WaitForLedgerRowsAsync(1 + whileLeased + afterExpiry + 2)).ShouldBe(1 + whileLeased + afterExpiry + 2);
        using var store = ParityStore.OpenPostgres(db.ConnectionString);
        store.Connection.ExecuteScalar<decimal>("SELECT SUM(cost_usd) FROM gateway_ledger").ShouldBeLessThanOrEqualTo(0.01m);
    }
}
