using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Parity.Server.Tests.Gateway;

/// <summary>
/// Hostile request bodies, one row per field and kind of nonsense: each is refused with an OpenAI-style
/// 400 naming the field, before any budget reservation or upstream call. A new field the gateway relies on
/// gets one more row here.
/// </summary>
public sealed class HostileRequestTests(TestGateway gateway) : IClassFixture<TestGateway>
{
    private const string Messages = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    public static TheoryData<string, string> Refused => new()
    {
        { "\"max_tokens\":-1000000", "max_tokens" },
        { "\"max_tokens\":-5", "max_tokens" },
        { "\"max_tokens\":0", "max_tokens" },
        { "\"max_tokens\":1.5", "max_tokens" },
        { "\"max_tokens\":1e3", "max_tokens" },
        { "\"max_tokens\":\"abc\"", "max_tokens" },
        { "\"max_tokens\":\"100\"", "max_tokens" },
        { "\"max_tokens\":99999999999999999999", "max_tokens" },
        { "\"max_tokens\":true", "max_tokens" },
        { "\"max_tokens\":[100]", "max_tokens" },
        { "\"max_tokens\":{}", "max_tokens" },
        { "\"max_completion_tokens\":-1", "max_completion_tokens" },
        { "\"max_completion_tokens\":2147483648", "max_completion_tokens" },
        { "\"temperature\":-0.1", "temperature" },
        { "\"temperature\":2.5", "temperature" },
        { "\"temperature\":\"hot\"", "temperature" },
        { "\"n\":0", "n" },
        { "\"n\":100000", "n" },
        { "\"n\":\"2\"", "n" },
        { "\"stream\":\"yes\"", "stream" },
        { "\"stream\":true,\"stream_options\":\"usage\"", "stream_options" },
        { "\"stream\":true,\"stream_options\":{\"include_usage\":\"yes\"}", "stream_options.include_usage" },
        { "\"stream_options\":{\"include_usage\":true}", "stream_options" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_hostile_field_is_a_400_naming_it_and_never_reaches_the_upstream(string field, string param)
    {
        var key = await gateway.CreateKeyAsync("hostile-" + param, budget: 1);
        var before = gateway.Beta.Received.Count;
        using var response = await gateway.ChatAsync(key, "cn-open", rawBody: "{\"model\":\"cn-open\"," + Messages + "," + field + "}");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, field);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        error["param"]!.GetValue<string>().ShouldBe(param);
        error["type"]!.GetValue<string>().ShouldBe("invalid_request_error");
        error["message"]!.GetValue<string>().ShouldContain(param.Split('.')[0]);
        gateway.Beta.Received.Count.ShouldBe(before);
    }

    [Theory]
    [InlineData("{\"model\":123," + Messages + "}", "model", "string")]
    [InlineData("{\"model\":[\"cn-open\"]," + Messages + "}", "model", "string")]
    [InlineData("{\"model\":\"cn-open\",\"messages\":\"hi\"}", "messages", "array")]
    public async Task A_field_of_the_wrong_type_says_what_type_it_must_be(string body, string param, string type)
    {
        var key = await gateway.CreateKeyAsync("wrong-type-" + param, budget: 1);
        using var response = await gateway.ChatAsync(key, "cn-open", rawBody: body);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        error["param"]!.GetValue<string>().ShouldBe(param);
        error["message"]!.GetValue<string>().ShouldContain(type);
    }

    [Fact]
    public async Task The_largest_max_tokens_is_accepted_and_reserved_in_full()
    {
        var key = await gateway.CreateKeyAsync("max-int", budget: 0.5);
        using var response = await gateway.ChatAsync(key, "us-flagship", maxTokens: int.MaxValue);
        // 2,147,483,647 output tokens at $10 per million is far beyond $0.50: the reservation does not fit.
        response.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        var message = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["message"]!.GetValue<string>();
        message.ShouldContain("reservation");
        message.ShouldContain("does not fit the remaining $0.5");
        message.ShouldNotContain("has used its budget");
    }

    [Fact]
    public async Task Sixty_four_concurrent_hostile_and_heavy_requests_cannot_spend_past_the_budget()
    {
        var key = await gateway.CreateKeyAsync("hostile-concurrent", budget: 0.50);
        var hostile = new[] { "-1000000", "-1", "1.5", "\"abc\"", "99999999999999999999", "0", "1e9", "[1]" };
        var tasks = Enumerable.Range(0, 64).Select(async i =>
        {
            // Every other request lies about max_tokens; the rest ask honestly for 4,000 output tokens of a
            // model that really answers with 4,000 ($0.041 each at $1.25 / $10 per million).
            var maxTokens = i % 2 == 0 ? hostile[i / 2 % hostile.Length] : "4000";
            var body = "{\"model\":\"heavy\"," + Messages + ",\"max_tokens\":" + maxTokens + "}";
            using var response = await gateway.ChatAsync(key, "heavy", rawBody: body);
            return (Honest: i % 2 == 1, response.StatusCode);
        });
        var results = await Task.WhenAll(tasks);
        results.Where(r => !r.Honest).ShouldAllBe(r => r.StatusCode == HttpStatusCode.BadRequest);
        results.Where(r => r.Honest).ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.PaymentRequired);

        var answered = gateway.Ledger().Where(r => r.Route == "heavy" && r.Status == 200).ToList();
        answered.Count.ShouldBeGreaterThan(0);
        var oneRequest = answered.Max(r => r.Cost_Usd);
        answered.Sum(r => r.Cost_Usd).ShouldBeLessThanOrEqualTo(0.50m + oneRequest);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_in_the_OpenAI_shape_and_not_a_500_in_the_ledger()
    {
        var key = await gateway.CreateKeyAsync("too-large", budget: 1);
        var big = new StringBuilder("{\"model\":\"cn-open\",\"messages\":[{\"role\":\"user\",\"content\":\"");
        big.Append('x', 33 * 1024 * 1024);
        big.Append("\"}]}");
        // Expect: 100-continue, as curl sends for large bodies: the gateway answers from the headers without
        // reading 33 MB, and the client sees the answer instead of a broken pipe mid-upload.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(big.ToString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        request.Headers.ExpectContinue = true;
        using var response = await gateway.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        error["code"]!.GetValue<string>().ShouldBe("request_too_large");
        error["message"]!.GetValue<string>().ShouldContain("maxBodyMB");
        gateway.Ledger().ShouldNotContain(r => r.Status == 500);
    }
}
