using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Parity.Server.Tests.Gateway;

/// <summary>Budgets hold when the provider reports more prompt tokens than the gateway counted.</summary>
public sealed class TokenBudgetTests(TestGateway gateway, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TestGateway>
{
    [Fact]
    public async Task Twenty_concurrent_clients_on_a_one_dollar_budget_stay_within_the_bound_when_the_upstream_reports_three_times_the_prompt()
    {
        var key = await gateway.CreateKeyAsync("triple-budget", budget: 1);
        var system = string.Concat(Enumerable.Range(1, 60).Select(i => $"Rule {i}: answer in plain English, cite the quarterly report for region {i}, and keep figures in US dollars. "));
        var user = string.Concat(Enumerable.Range(1, 40).Select(i => $"Summarise what changed in region {i} between the second and third quarter, and why. "));
        var body = new JsonObject
        {
            ["model"] = "triple-prompt",
            ["max_tokens"] = 200,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = system },
                new JsonObject { ["role"] = "user", ["content"] = user }),
        }.ToJsonString();

        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var workers = Enumerable.Range(0, 20).Select(async _ =>
        {
            for (var i = 0; i < 40; i++)
            {
                using var response = await gateway.ChatAsync(key, "triple-prompt", rawBody: body);
                statuses.Add(response.StatusCode);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return;
                }
            }
        });
        await Task.WhenAll(workers);

        statuses.ShouldContain(HttpStatusCode.PaymentRequired); // the budget ran out
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.PaymentRequired);
        var rows = gateway.Ledger().Where(r => r.Route == "triple-prompt" && r.Status == 200).ToList();
        rows.Count.ShouldBeGreaterThan(20);

        // The ledger keeps the gateway's count beside the provider's report: three times it, on every answer.
        rows.ShouldAllBe(r => r.Estimated_Input_Tokens > 1500 && r.Input_Tokens == 3 * r.Estimated_Input_Tokens);
        rows.ShouldAllBe(r => r.Reserved_Usd > 0);

        // The documented bound: budget + (requests in flight before the model's first answer taught the ratio)
        // x (the most one request cost above its reservation), here at most 20 clients x the first wave's excess.
        var excess = rows.Max(r => r.Cost_Usd - r.Reserved_Usd);
        excess.ShouldBeGreaterThan(0m); // the first wave was reserved with the bare count and cost more
        var spent = rows.Sum(r => r.Cost_Usd);
        output.WriteLine($"answered {rows.Count}, spent ${spent:0.######} of $1, most above a reservation ${excess:0.######}, bound ${1m + (20 * excess):0.######}, under-reserved {rows.Count(r => r.Reserved_Usd < r.Cost_Usd)}");
        spent.ShouldBeLessThanOrEqualTo(1m + (20 * excess));

        // After the first answers the reservations cover what the provider bills: only the first wave (at most
        // one request per client) was reserved below its cost. Whether the budget ends just under or just over $1
        // depends on whether that wave settles before the last admissions (measured $0.99 and $1.01 on a loaded
        // machine); the bound above is what the design guarantees, far below the issue's $2.64.
        rows.Count(r => r.Reserved_Usd < r.Cost_Usd).ShouldBeLessThanOrEqualTo(20);
        rows.Where(r => r.Reserved_Usd < r.Cost_Usd).Sum(r => r.Cost_Usd - r.Reserved_Usd).ShouldBeLessThanOrEqualTo(20 * excess);
    }
}
