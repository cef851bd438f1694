using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parity.Gateway;
using Parity.Server.Gateway;

namespace Parity.Server.Tests.Gateway;

/// <summary>
/// An upstream model that keeps failing is skipped while its breaker is open; after the break one probe
/// call goes through, which opens the breaker again when it fails and closes it when it succeeds. The
/// breakers run on a <see cref="ManualClock"/>; <c>/metrics</c> (behind its own key here) shows their state.
/// </summary>
public sealed class CircuitBreakerTests : IAsyncLifetime
{
    private const string MetricsKey = "metrics-test-key-7";
    private readonly string folder = Directory.CreateTempSubdirectory("parity-breaker-").FullName;
    private readonly ManualClock clock = new();
    private FakeUpstream upstream = null!;
    private GatewayHost host = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        var config = Path.Combine(folder, "gateway.yaml");
        await File.WriteAllTextAsync(config, $$"""
            ledger:
              sqlite: ledger.db
            keys:
              required: false
            server:
              metricsKeyEnv: TEST_METRICS_KEY
            breaker:
              failureRatio: 0.5
              minimumThroughput: 4
              samplingSeconds: 60
              breakSeconds: 10
            providers:
              - { name: local, baseUrl: "{{upstream.BaseUrl}}", timeoutSeconds: 5 }
            models:
              - { name: flaky, provider: local, origin: US, prices: { input: 1, output: 1 } }
              - { name: backup, provider: local, upstreamModel: fast, origin: CN, prices: { input: 0.28, output: 0.42 } }
            routes:
              - { name: robust, policy: fallback, models: [flaky, backup] }
            """);
        var setup = GatewayConfigLoader.Load(config, name => name == "TEST_METRICS_KEY" ? MetricsKey : null);
        host = await GatewayHost.StartAsync(setup, "http://127.0.0.1:0", clock);
        client = new HttpClient { BaseAddress = new Uri(host.Addresses[0]), Timeout = TimeSpan.FromSeconds(20) };
    }

    [Fact]
    public async Task A_failing_upstream_is_skipped_while_open_and_a_good_probe_after_the_break_closes_it()
    {
        upstream.FlakyDown = true;
        for (var i = 0; i < 4; i++)
        {
            (await ServedByAsync("robust")).ShouldBe(("backup", "2")); // flaky failed, then the fallback
        }

        FlakyCalls().ShouldBe(4);
        var metrics = await MetricsAsync();
        Value(metrics, "parity_gateway_upstream_circuit_state{provider=\"local\",model=\"flaky\"}").ShouldBe(1); // open
        Value(metrics, "parity_gateway_upstream_circuit_opened_total{provider=\"local\",model=\"flaky\"}").ShouldBe(1);
        Value(metrics, "parity_gateway_upstream_circuit_state{provider=\"local\",model=\"backup\"}").ShouldBe(0);

        // Open: flaky is not called at all; the route goes straight to backup in one attempt.
        for (var i = 0; i < 3; i++)
        {
            (await ServedByAsync("robust")).ShouldBe(("backup", "1"));
        }

        FlakyCalls().ShouldBe(4);
        Value(await MetricsAsync(), "parity_gateway_upstream_attempts_total{provider=\"local\",model=\"flaky\",outcome=\"circuit_open\"}").ShouldBe(3);

        // Asked for on its own, an open model is a 503 that says when to come back.
        using (var direct = await ChatAsync("flaky"))
        {
            direct.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var error = (await direct.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
            error["code"]!.GetValue<string>().ShouldBe("upstream_circuit_open");
            direct.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 10);
        }

        // After the break, one probe goes through; it fails, so the breaker opens again.
        clock.Advance(TimeSpan.FromSeconds(11));
        (await ServedByAsync("robust")).ShouldBe(("backup", "2"));
        FlakyCalls().ShouldBe(5);
        Value(await MetricsAsync(), "parity_gateway_upstream_circuit_opened_total{provider=\"local\",model=\"flaky\"}").ShouldBe(2);
        (await ServedByAsync("robust")).ShouldBe(("backup", "1"));
        FlakyCalls().ShouldBe(5);

        // The upstream recovers; after the next break the probe succeeds and closes the breaker.
        upstream.FlakyDown = false;
        clock.Advance(TimeSpan.FromSeconds(11));
        (await ServedByAsync("robust")).ShouldBe(("flaky", "1"));
        Value(await MetricsAsync(), "parity_gateway_upstream_circuit_state{provider=\"local\",model=\"flaky\"}").ShouldBe(0); // closed
        (await ServedByAsync("robust")).ShouldBe(("flaky", "1"));
        FlakyCalls().ShouldBe(7);
    }

    [Fact]
    public async Task Metrics_behind_their_own_key_refuse_a_missing_or_wrong_key()
    {
        using (var none = await client.GetAsync("/metrics"))
        {
            none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            var error = (await none.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
            error["code"]!.GetValue<string>().ShouldBe("invalid_metrics_key");
            (await none.Content.ReadAsStringAsync()).ShouldNotContain("parity_gateway_");
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
        {
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsKey + "x");
            using var response = await client.SendAsync(wrong);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await MetricsAsync()).ShouldContain("# TYPE parity_gateway_requests_total counter");
        using var health = await client.GetAsync("/healthz"); // the key guards /metrics only
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<(string Model, string Attempts)> ServedByAsync(string route)
    {
        using var response = await ChatAsync(route);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (response.Headers.GetValues("x-parity-model").Single(), response.Headers.GetValues("x-parity-attempts").Single());
    }

    private Task<HttpResponseMessage> ChatAsync(string model) =>
        client.PostAsync("/v1/chat/completions", new StringContent($$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"));

    private int FlakyCalls() => upstream.Received.Count(r => r.Body["model"]!.GetValue<string>() == "flaky");

    private async Task<string> MetricsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsKey);
        using var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static double Value(string metrics, string series)
    {
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        line.ShouldNotBeNull($"no series {series}");
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
        await upstream.DisposeAsync();
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
