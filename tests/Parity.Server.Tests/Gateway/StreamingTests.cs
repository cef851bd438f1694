using System.Diagnostics;
using System.Net;

namespace Parity.Server.Tests.Gateway;

public sealed class StreamingTests(TestGateway gateway) : IClassFixture<TestGateway>
{
    [Fact]
    public async Task Chunks_reach_the_client_as_the_upstream_produces_them()
    {
        var key = await gateway.CreateKeyAsync("stream");
        gateway.Beta.TrickleDelay = TimeSpan.FromMilliseconds(300);
        var clock = Stopwatch.StartNew();
        using var response = await gateway.ChatAsync(key, "trickle", stream: true);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var arrivals = new List<double>();
        string? line;
        var done = false;
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                arrivals.Add(clock.Elapsed.TotalSeconds);
                done |= line == "data: [DONE]";
            }
        }

        done.ShouldBeTrue();
        arrivals.Count.ShouldBe(6); // five content chunks (usage chunk withheld: the client did not ask for it) and [DONE]
        // The upstream waits 0.3 s between its five chunks (1.2 s in all). Relayed as produced, the first
        // chunk arrives about 1.2 s before the last; buffered, they would arrive together.
        (arrivals[^1] - arrivals[0]).ShouldBeGreaterThan(0.9);
        (arrivals[1] - arrivals[0]).ShouldBeGreaterThan(0.2);
    }

    [Fact]
    public async Task A_stream_is_costed_from_the_usage_in_its_final_chunk_which_the_gateway_asks_for()
    {
        var key = await gateway.CreateKeyAsync("stream-usage");
        using var response = await gateway.ChatAsync(key, "cn-open", stream: true);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain("\"usage\"");
        text.ShouldContain("\"model\":\"cn-open\"");
        gateway.Beta.Received.Last().Body["stream_options"]!["include_usage"]!.GetValue<bool>().ShouldBeTrue();

        var row = gateway.Ledger().Single(r => r.Request_Id == response.Headers.GetValues("x-request-id").Single());
        row.Streamed.ShouldBe(1);
        row.Usage_Source.ShouldBe("upstream");
        (row.Input_Tokens, row.Output_Tokens, row.Cached_Tokens).ShouldBe((1000, 500, 200));
    }

    [Fact]
    public async Task A_client_that_asks_for_usage_gets_the_usage_chunk()
    {
        var key = await gateway.CreateKeyAsync("stream-usage-client");
        var body = """{"model":"cn-open","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}""";
        using var response = await gateway.ChatAsync(key, "", stream: true, rawBody: body);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("\"usage\":{\"prompt_tokens\":1000");
    }

    [Fact]
    public async Task Without_usage_from_the_provider_the_stream_is_costed_by_counting()
    {
        var key = await gateway.CreateKeyAsync("stream-count");
        using var response = await gateway.ChatAsync(key, "nousage", stream: true);
        (await response.Content.ReadAsStringAsync()).ShouldContain("[DONE]");
        var row = gateway.Ledger().Single(r => r.Request_Id == response.Headers.GetValues("x-request-id").Single());
        row.Usage_Source.ShouldBe("counted");
        row.Output_Tokens.ShouldBe(7); // "Hello from the fake upstream": 28 characters, about 4 per token
        // The prompt by the tokenizer (o200k, an estimate for this unknown family): "user" 1 + "Say hello." 3
        // ("Say", " hello", ".") + 3 for the message + 3 priming the reply.
        row.Input_Tokens.ShouldBe(10);
        row.Estimated_Input_Tokens.ShouldBe(10);
        row.Cost_Usd.ShouldBeGreaterThan(0m);
    }

    [Fact]
    public async Task A_provider_that_drops_the_connection_mid_stream_ends_the_stream_with_an_error_and_is_recorded()
    {
        var key = await gateway.CreateKeyAsync("stream-drop");
        using var response = await gateway.ChatAsync(key, "drop", stream: true);
        response.StatusCode.ShouldBe(HttpStatusCode.OK); // the first chunk was already on its way
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("\"content\":\"Hello\"");
        text.ShouldContain("upstream_disconnected");
        text.ShouldNotContain("[DONE]");

        var row = gateway.Ledger().Single(r => r.Request_Id == response.Headers.GetValues("x-request-id").Single());
        row.Status.ShouldBe(502);
        row.Error.ShouldBe("upstream_disconnected");
        row.Output_Tokens.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_client_that_leaves_mid_stream_is_recorded_as_499()
    {
        var key = await gateway.CreateKeyAsync("stream-leave");
        gateway.Beta.TrickleDelay = TimeSpan.FromMilliseconds(300);
        string requestId;
        // No draining: closing the response closes the connection, as a client that goes away does.
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = gateway.Client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"trickle","stream":true,"messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            requestId = response.Headers.GetValues("x-request-id").Single();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            (await reader.ReadLineAsync())!.ShouldStartWith("data: ");
        }

        LedgerRow? row = null;
        for (var i = 0; i < 50 && row is null; i++)
        {
            await Task.Delay(100);
            row = gateway.Ledger().SingleOrDefault(r => r.Request_Id == requestId);
        }

        row.ShouldNotBeNull();
        row.Status.ShouldBe(499);
        row.Error.ShouldBe("client_disconnected");
    }

    [Fact]
    public async Task A_provider_that_goes_quiet_mid_stream_is_given_up_after_its_timeout()
    {
        var key = await gateway.CreateKeyAsync("stream-stall");
        var clock = Stopwatch.StartNew();
        using var response = await gateway.ChatAsync(key, "stall", stream: true);
        var text = await response.Content.ReadAsStringAsync();
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(6)); // alpha's timeout is 2 s; the upstream would stay quiet for 8 s
        text.ShouldContain("\"content\":\"Hello\"");
        text.ShouldContain("upstream_timeout");
        text.ShouldNotContain("[DONE]");
        var row = gateway.Ledger().Single(r => r.Request_Id == response.Headers.GetValues("x-request-id").Single());
        (row.Status, row.Error).ShouldBe((504, "upstream_timeout"));
    }
}
