using System.Net;

namespace Parity.Server.Tests.Gateway;

public sealed class LedgerAndMetricsTests(TestGateway gateway) : IClassFixture<TestGateway>
{
    [Fact]
    public async Task Every_request_is_in_the_ledger_and_the_metrics_count_requests_tokens_and_cost_by_model_and_origin()
    {
        var key = await gateway.CreateKeyAsync("metrics");
        var ids = new List<string>();
        foreach (var model in new[] { "cn-open", "us-flagship", "no-such-model", "cn-open" })
        {
            using var r = await gateway.ChatAsync(key, model);
            ids.Add(r.Headers.GetValues("x-request-id").Single());
        }

        var rows = gateway.Ledger();
        ids.ShouldAllBe(id => rows.Any(r => r.Request_Id == id));
        rows.Single(r => r.Request_Id == ids[2]).Status.ShouldBe(404);

        using var response = await gateway.Client.GetAsync("/metrics");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var metrics = await response.Content.ReadAsStringAsync();
        metrics.ShouldContain("# TYPE parity_gateway_requests_total counter");
        // Other tests in this class share the gateway, so counts are at least what this test sent.
        Value(metrics, "parity_gateway_requests_total{route=\"cn-open\",model=\"cn-open\",origin=\"CN\",status=\"200\"}").ShouldBeGreaterThanOrEqualTo(2);
        Value(metrics, "parity_gateway_tokens_total{model=\"cn-open\",origin=\"CN\",open_weights=\"true\",kind=\"output\"}").ShouldBeGreaterThanOrEqualTo(1000);
        Value(metrics, "parity_gateway_cost_usd_total{model=\"us-flagship\",origin=\"US\",open_weights=\"false\"}").ShouldBeGreaterThanOrEqualTo((800 * 1.25 + 200 * 0.125 + 500 * 10) / 1e6 - 1e-12);
        Value(metrics, "parity_gateway_request_duration_seconds_bucket{route=\"cn-open\",model=\"cn-open\",le=\"+Inf\"}").ShouldBeGreaterThanOrEqualTo(2);
        Value(metrics, "parity_gateway_errors_total{route=\"no-such-model\",model=\"\",error=\"model_not_found\"}").ShouldBe(1);
        metrics.ShouldContain("parity_gateway_ledger_records_total");
    }

    [Fact]
    public async Task Upstream_keys_never_appear_in_responses_metrics_or_the_ledger()
    {
        var key = await gateway.CreateKeyAsync("secrets");
        var seen = new List<string>();
        foreach (var model in new[] { "cn-open", "failing", "all-failing", "robust-500", "us-flagship", "drop" })
        {
            foreach (var stream in new[] { false, true })
            {
                using var r = await gateway.ChatAsync(key, model, stream: stream);
                seen.Add(r.Headers.ToString());
                seen.Add(await r.Content.ReadAsStringAsync());
            }
        }

        seen.Add(await gateway.Client.GetStringAsync("/metrics"));
        seen.Add(await gateway.Client.GetStringAsync("/v1/models"));
        seen.Add(string.Join('\n', gateway.Ledger().Select(r => System.Text.Json.JsonSerializer.Serialize(r))));
        foreach (var file in new[] { gateway.LedgerPath, gateway.LedgerPath + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            seen.Add(await reader.ReadToEndAsync());
        }

        var all = string.Join('\n', seen);
        all.ShouldContain("Incorrect API key provided"); // the failing provider did echo the key it got …
        all.ShouldNotContain(TestGateway.AlphaKey); // … but the gateway scrubbed it
        all.ShouldNotContain(TestGateway.BetaKey);
        all.ShouldNotContain("UPSTREAM-SECRET");
    }

    private static double Value(string metrics, string series)
    {
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        line.ShouldNotBeNull($"no series {series}");
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
