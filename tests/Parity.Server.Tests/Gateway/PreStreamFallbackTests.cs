using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Parity.Server.Tests.Gateway;

/// <summary>Every failure before the first byte reaches the client falls back to the next model of a fallback route.</summary>
public sealed class PreStreamFallbackTests(TestGateway gateway) : IClassFixture<TestGateway>
{
    [Theory]
    [InlineData("garbage", false, "invalid_body")] // 200 with an HTML page
    [InlineData("garbage", true, "invalid_stream")] // 200 stream whose first event is not JSON
    [InlineData("errorbody", false, "error_body")] // 200 whose body is an error object
    [InlineData("errorbody", true, "error_body")] // a stream that opens with an error event
    [InlineData("empty", false, "invalid_body")] // 200 with an empty body
    [InlineData("empty", true, "empty_stream")] // a stream with no event
    [InlineData("cut", false, "connection")] // half a body, then a reset connection
    [InlineData("cut", true, "connection")] // half the first event, then a reset connection
    [InlineData("truncated", false, "invalid_body")] // half a body, then a clean end
    [InlineData("truncated", true, "invalid_stream")] // half the first event, then a clean end
    public async Task A_failure_before_the_first_byte_falls_back_to_the_next_model(string failing, bool stream, string outcome)
    {
        var key = await gateway.CreateKeyAsync($"prestream-{failing}-{stream}");
        var before = AttemptCount(await gateway.Client.GetStringAsync("/metrics"), failing, outcome);
        using var response = await gateway.ChatAsync(key, "robust-" + failing, stream);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-parity-model").Single().ShouldBe("cn-open");
        response.Headers.GetValues("x-parity-attempts").Single().ShouldBe("2");
        var text = await response.Content.ReadAsStringAsync();
        if (stream)
        {
            text.ShouldContain("\"model\":\"cn-open\"");
            text.ShouldNotContain("<html>");
            text.ShouldNotContain("\"error\"");
            text.TrimEnd().ShouldEndWith("data: [DONE]");
        }
        else
        {
            var body = JsonNode.Parse(text)!;
            body["choices"]![0]!["message"]!["content"]!.GetValue<string>().ShouldBe("Hello from the fake upstream");
        }

        var row = gateway.Ledger().Single(r => r.Request_Id == response.Headers.GetValues("x-request-id").Single());
        (row.Status, row.Attempts, row.Model, row.Route).ShouldBe((200, 2, "cn-open", "robust-" + failing));
        row.Usage_Source.ShouldBe("upstream");
        AttemptCount(await gateway.Client.GetStringAsync("/metrics"), failing, outcome).ShouldBe(before + 1);
    }

    [Theory]
    [InlineData("errorbody", false, "an error object")]
    [InlineData("garbage", false, "not a JSON chat completion")]
    [InlineData("empty", true, "an empty stream")]
    [InlineData("truncated", true, "first event is not a JSON chunk")]
    public async Task With_no_model_left_a_200_that_is_not_an_answer_is_a_502_naming_it(string model, bool stream, string says)
    {
        var key = await gateway.CreateKeyAsync($"prestream-last-{model}-{stream}");
        using var response = await gateway.ChatAsync(key, model, stream);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        error["code"]!.GetValue<string>().ShouldBe("invalid_upstream_response");
        error["message"]!.GetValue<string>().ShouldContain(says);
        var row = gateway.Ledger().Single(r => r.Request_Id == response.Headers.GetValues("x-request-id").Single());
        (row.Status, row.Error, row.Cost_Usd).ShouldBe((502, "invalid_upstream_response", 0m));
    }

    private static long AttemptCount(string metrics, string model, string outcome)
    {
        var series = $"parity_gateway_upstream_attempts_total{{provider=\"alpha\",model=\"{model}\",outcome=\"{outcome}\"}} ";
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(series, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[series.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
