using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Parity.Server.Tests.Gateway;

public sealed class RoutingTests(TestGateway gateway) : IClassFixture<TestGateway>
{
    private async Task<string> KeyAsync() => await gateway.CreateKeyAsync("routing-" + Guid.NewGuid().ToString("N")[..6]);

    [Fact]
    public async Task A_model_named_directly_is_served_by_its_provider_with_the_provider_key_and_upstream_name()
    {
        var key = await KeyAsync();
        using var response = await gateway.ChatAsync(key, "cn-open");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-parity-model").Single().ShouldBe("cn-open");
        response.Headers.GetValues("x-parity-provider").Single().ShouldBe("beta");
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body["model"]!.GetValue<string>().ShouldBe("cn-open");
        body["choices"]![0]!["message"]!["content"]!.GetValue<string>().ShouldBe("Hello from the fake upstream");

        var received = gateway.Beta.Received.Last();
        received.Authorization.ShouldBe("Bearer " + TestGateway.BetaKey);
        received.Body["model"]!.GetValue<string>().ShouldBe("fast");

        var requestId = response.Headers.GetValues("x-request-id").Single();
        var row = gateway.Ledger().Single(r => r.Request_Id == requestId);
        row.Model.ShouldBe("cn-open");
        row.Provider.ShouldBe("beta");
        row.Origin.ShouldBe("CN");
        row.Open_Weights.ShouldBe(1);
        row.Vendor.ShouldBe("DeepSeek");
        (row.Input_Tokens, row.Output_Tokens, row.Cached_Tokens).ShouldBe((1000, 500, 200));
        row.Cost_Usd.ShouldBe((800 * 0.28m + 200 * 0.028m + 500 * 0.42m) / 1_000_000m);
        row.Status.ShouldBe(200);
        row.Usage_Source.ShouldBe("upstream");
    }

    [Fact]
    public async Task Cheapest_takes_the_lowest_price_and_cheapest_meeting_the_cheapest_above_the_bar()
    {
        var key = await KeyAsync();
        using (var response = await gateway.ChatAsync(key, "cheapest"))
        {
            response.Headers.GetValues("x-parity-model").Single().ShouldBe("cn-small");
        }

        using (var response = await gateway.ChatAsync(key, "good-enough"))
        {
            response.Headers.GetValues("x-parity-model").Single().ShouldBe("cn-open");
            (await response.Content.ReadFromJsonAsync<JsonObject>())!["model"]!.GetValue<string>().ShouldBe("cn-open");
        }
    }

    [Theory]
    [InlineData("robust-500", "http_5xx")]
    [InlineData("robust-429", "http_429")]
    [InlineData("robust-timeout", "timeout")]
    [InlineData("robust-drop", "connection")]
    public async Task Fallback_moves_to_the_next_model_on_5xx_429_timeout_and_connection_error(string route, string outcome)
    {
        var key = await KeyAsync();
        using var response = await gateway.ChatAsync(key, route);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-parity-model").Single().ShouldBe("cn-open");
        response.Headers.GetValues("x-parity-attempts").Single().ShouldBe("2");
        var row = gateway.Ledger().Single(r => r.Request_Id == response.Headers.GetValues("x-request-id").Single());
        row.Attempts.ShouldBe(2);
        row.Route.ShouldBe(route);
        row.Model.ShouldBe("cn-open");
        var metrics = await gateway.Client.GetStringAsync("/metrics");
        metrics.ShouldContain($"outcome=\"{outcome}\"");
    }

    [Fact]
    public async Task Fallback_also_applies_when_a_stream_fails_before_its_first_event()
    {
        var key = await KeyAsync();
        using var response = await gateway.ChatAsync(key, "robust-500", stream: true);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-parity-model").Single().ShouldBe("cn-open");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("\"model\":\"cn-open\"");
        text.TrimEnd().ShouldEndWith("data: [DONE]");
    }

    [Fact]
    public async Task A_client_error_from_upstream_is_passed_through_without_fallback()
    {
        var key = await KeyAsync();
        using var response = await gateway.ChatAsync(key, "robust-400");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body["error"]!["code"]!.GetValue<string>().ShouldBe("bad_max_tokens");
        response.Headers.GetValues("x-parity-attempts").Single().ShouldBe("1");
    }

    [Fact]
    public async Task When_every_model_fails_the_last_upstream_error_passes_through_with_its_status()
    {
        var key = await KeyAsync();
        using var response = await gateway.ChatAsync(key, "all-failing");
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("Incorrect API key provided");
        text.ShouldNotContain(TestGateway.AlphaKey);
        response.Headers.GetValues("x-parity-attempts").Single().ShouldBe("2");
    }

    [Fact]
    public async Task A_fixed_route_does_not_fall_back_and_a_429_keeps_its_retry_after()
    {
        var key = await KeyAsync();
        using (var response = await gateway.ChatAsync(key, "pinned"))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
            response.Headers.GetValues("x-parity-model").Single().ShouldBe("failing");
        }

        using (var response = await gateway.ChatAsync(key, "limited"))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
        }
    }

    [Fact]
    public async Task Weighted_splits_traffic_by_weight()
    {
        var key = await KeyAsync();
        var served = new Dictionary<string, int>();
        var tasks = Enumerable.Range(0, 200).Select(async _ =>
        {
            using var response = await gateway.ChatAsync(key, "ab");
            return response.Headers.GetValues("x-parity-model").Single();
        });
        foreach (var model in await Task.WhenAll(tasks))
        {
            served[model] = served.GetValueOrDefault(model) + 1;
        }

        // 90/10 split: 180 expected, binomial sd ≈ 4.2; the bounds are more than 7 sd away.
        served["us-flagship"].ShouldBeInRange(150, 199);
        served["cn-open"].ShouldBeInRange(1, 50);
    }

    [Fact]
    public async Task Models_lists_models_and_routes()
    {
        var body = (await gateway.Client.GetFromJsonAsync<JsonObject>("/v1/models"))!;
        var ids = body["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        ids.ShouldContain("cn-open");
        ids.ShouldContain("good-enough");
        var route = body["data"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == "good-enough")!;
        route["parity"]!["route"]!["models"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["cn-open", "us-flagship"]);
        route["parity"]!["route"]!["scores"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["cn-open: arena 1420.0 (config)", "us-flagship: arena 1450.0 (config)"]);
        route["parity"]!["route"]!["excluded"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["cn-small: arena 1300.0 < 1400 (config)"]);
        (await gateway.Client.GetStringAsync("/healthz")).ShouldContain("ok");
    }
}
