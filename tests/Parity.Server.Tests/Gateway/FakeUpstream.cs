using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parity.Server.Tests.Gateway;

/// <summary>
/// An OpenAI-compatible provider on 127.0.0.1 that the tests start themselves. What it does depends
/// on the model asked for: <c>fast</c>, <c>nousage</c>, <c>slow</c> (waits 8 s), <c>fail</c> (500),
/// <c>limited</c> (429), <c>badrequest</c> (400), <c>drop</c> (breaks the connection; streaming: after
/// the first chunk), <c>stall</c> (streams one chunk, then goes quiet for 8 s), <c>trickle</c> (streams a chunk every <see cref="TrickleDelay"/>),
/// <c>heavy</c> (reports 4,000 completion tokens, whatever was asked for), <c>triple</c> (reports three times the tokens a character count gives).
/// Answers of 200 that are not answers: <c>garbage</c> (an HTML page; streaming: an event whose data is not JSON),
/// <c>errorbody</c> (an OpenAI error object; streaming: as the first event), <c>empty</c> (an empty body or stream),
/// <c>cut</c> (half of the body or first event, then the connection is reset), <c>truncated</c> (half of it, then a
/// clean end). <c>flaky</c> answers 500 while <see cref="FlakyDown"/> is set and like <c>fast</c> otherwise.
/// <c>triple-prompt</c> reports 3× the prompt tokens its messages have (counted with o200k and OpenAI's chat overhead) and 100 completion tokens.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeUpstream(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public TimeSpan TrickleDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>While true, the model <c>flaky</c> answers 500.</summary>
    public bool FlakyDown { get; set; }

    /// <summary>The half of a chat completion (or of its first chunk) that <c>cut</c> and <c>truncated</c> send.</summary>
    private const string HalfAnswer = "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"mess";

    /// <summary>Every request received: the Authorization header and the body.</summary>
    public ConcurrentQueue<(string? Authorization, JsonObject Body)> Received { get; } = new();

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeUpstream? self = null;
        app.MapPost("/v1/chat/completions", (HttpContext http) => self!.HandleAsync(http));
        await app.StartAsync();
        var address = app.Urls.First();
        self = new FakeUpstream(app, address + "/v1");
        return self;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(http.Request.Body))!;
        Received.Enqueue((http.Request.Headers.Authorization.ToString(), body));
        var model = body["model"]!.GetValue<string>();
        var stream = body["stream"]?.GetValue<bool>() == true;
        var includeUsage = body["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
        switch (model)
        {
            case "slow":
                await Task.Delay(8000, http.RequestAborted);
                break;
            case "fail":
                http.Response.StatusCode = 500;
                await http.Response.WriteAsJsonAsync(new { error = new { message = "Incorrect API key provided: " + http.Request.Headers.Authorization.ToString()[7..], type = "server_error" } });
                return;
            case "limited":
                http.Response.StatusCode = 429;
                http.Response.Headers.RetryAfter = "7";
                await http.Response.WriteAsJsonAsync(new { error = new { message = "Rate limit reached", type = "rate_limit_error" } });
                return;
            case "badrequest":
                http.Response.StatusCode = 400;
                await http.Response.WriteAsJsonAsync(new { error = new { message = "max_tokens is too large", type = "invalid_request_error", code = "bad_max_tokens" } });
                return;
            case "drop" when !stream:
                http.Abort();
                return;
            case "flaky" when FlakyDown:
                http.Response.StatusCode = 500;
                await http.Response.WriteAsJsonAsync(new { error = new { message = "The server is overloaded", type = "server_error" } });
                return;
            case "garbage":
                http.Response.ContentType = stream ? "text/event-stream" : "text/html";
                await http.Response.WriteAsync(stream ? "data: <html>502 Bad Gateway</html>\n\n" : "<html><body>502 Bad Gateway</body></html>");
                return;
            case "errorbody":
                var error = "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"code\":null}}";
                http.Response.ContentType = stream ? "text/event-stream" : "application/json";
                await http.Response.WriteAsync(stream ? "data: " + error + "\n\n" : error);
                return;
            case "empty":
                http.Response.ContentType = stream ? "text/event-stream" : "application/json";
                await http.Response.Body.FlushAsync();
                return;
            case "cut" or "truncated":
                http.Response.ContentType = stream ? "text/event-stream" : "application/json";
                await http.Response.WriteAsync(stream ? "data: " + HalfAnswer : HalfAnswer);
                await http.Response.Body.FlushAsync();
                if (model == "cut")
                {
                    await Task.Delay(50);
                    http.Abort();
                }

                return;
        }

        var words = new[] { "Hello", " from", " the", " fake", " upstream" };
        if (!stream)
        {
            var answer = new JsonObject
            {
                ["id"] = "chatcmpl-test",
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000,
                ["model"] = model + "-upstream-name",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Concat(words) },
                    ["finish_reason"] = "stop",
                }),
            };
            if (model != "nousage")
            {
                answer["usage"] = model == "triple-prompt" ? TripleUsage(body) : Usage(model, body);
            }

            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(answer.ToJsonString());
            return;
        }

        http.Response.ContentType = "text/event-stream";
        for (var i = 0; i < words.Length; i++)
        {
            if (model == "trickle" && i > 0)
            {
                await Task.Delay(TrickleDelay, http.RequestAborted);
            }

            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-test",
                ["object"] = "chat.completion.chunk",
                ["model"] = model + "-upstream-name",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["delta"] = new JsonObject { ["content"] = words[i] },
                    ["finish_reason"] = i == words.Length - 1 ? "stop" : null,
                }),
            };
            await http.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
            await http.Response.Body.FlushAsync();
            if (model == "drop")
            {
                await Task.Delay(50);
                http.Abort();
                return;
            }

            if (model == "stall")
            {
                await Task.Delay(8000, http.RequestAborted);
            }
        }

        if (includeUsage && model != "nousage")
        {
            var usageChunk = new JsonObject
            {
                ["id"] = "chatcmpl-test",
                ["object"] = "chat.completion.chunk",
                ["model"] = model + "-upstream-name",
                ["choices"] = new JsonArray(),
                ["usage"] = Usage(model, body),
            };
            await http.Response.WriteAsync("data: " + usageChunk.ToJsonString() + "\n\n");
        }

        await http.Response.WriteAsync("data: [DONE]\n\n");
    }

    /// <summary>
    /// What every answer reports: 1000 prompt tokens (200 cached) and 500 completion tokens (<c>heavy</c>:
    /// 4000); <c>triple</c>: three times a four-characters-per-token count of the messages' text and three
    /// times <c>max_tokens</c>, as when a gateway's estimate falls short of the provider's count.
    /// </summary>
    private static JsonObject Usage(string model, JsonObject body)
    {
        if (model == "triple")
        {
            var characters = body["messages"]!.AsArray().Sum(m => m!["content"]?.GetValue<string>().Length ?? 0);
            var prompt = 3 * ((characters + 3) / 4);
            var completion = 3 * (body["max_tokens"]?.GetValue<int>() ?? 100);
            return new() { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion };
        }

        return new()
        {
            ["prompt_tokens"] = 1000,
            ["completion_tokens"] = model == "heavy" ? 4000 : 500,
            ["total_tokens"] = model == "heavy" ? 5000 : 1500,
            ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 200 },
        };
    }

    /// <summary>Three times the prompt's tokens (o200k, 3 per message and 3 priming the reply) and 100 completion tokens.</summary>
    private static JsonObject TripleUsage(JsonObject body)
    {
        long tokens = 3;
        foreach (var message in body["messages"]!.AsArray())
        {
            tokens += 3 + Parity.Gateway.PromptTokenizer.Count(Parity.Gateway.TokenEncoding.O200k, message!["role"]!.GetValue<string>())
                + Parity.Gateway.PromptTokenizer.Count(Parity.Gateway.TokenEncoding.O200k, message["content"]!.GetValue<string>());
        }

        return new JsonObject { ["prompt_tokens"] = 3 * tokens, ["completion_tokens"] = 100, ["total_tokens"] = (3 * tokens) + 100 };
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
