using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parity.Tests.Providers;

/// <summary>What the test upstream received.</summary>
internal sealed record UpstreamRequest(int Number, string Model, string Prompt, bool Stream, string? Authorization, int AttemptForPrompt);

/// <summary>How the test upstream answers one request.</summary>
internal abstract record UpstreamReply
{
    public sealed record Answer(string Content, int PromptTokens = 11, int CompletionTokens = 7, int CachedTokens = 0, int ReasoningTokens = 0, TimeSpan Delay = default) : UpstreamReply;

    public sealed record Status(int Code, string? RetryAfter = null, string Body = "{\"error\":{\"message\":\"upstream says no\"}}") : UpstreamReply;

    public sealed record Malformed(string Body = "{\"choices\": [ {\"message\": ") : UpstreamReply;

    /// <summary>Sends part of the answer and then resets the connection.</summary>
    public sealed record DropMidStream : UpstreamReply;

    /// <summary>Waits longer than any client timeout before answering.</summary>
    public sealed record Hang(TimeSpan Delay) : UpstreamReply;
}

/// <summary>
/// A real OpenAI-compatible HTTP server (Kestrel) on 127.0.0.1 and a free port, for tests. Each
/// request is answered as the script says; every request is logged.
/// </summary>
internal sealed class TestUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<UpstreamRequest, UpstreamReply> _script;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private int _count;

    private TestUpstream(WebApplication app, Func<UpstreamRequest, UpstreamReply> script)
    {
        _app = app;
        _script = script;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<UpstreamRequest> Requests { get; } = new();

    public int RequestCount => Volatile.Read(ref _count);

    public static async Task<TestUpstream> StartAsync(Func<UpstreamRequest, UpstreamReply> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MinRequestBodyDataRate = null;
        });
        var app = builder.Build();
        var upstream = new TestUpstream(app, script);
        app.MapPost("/v1/chat/completions", upstream.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        upstream.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return upstream;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var doc = await JsonDocument.ParseAsync(context.Request.Body);
        var root = doc.RootElement;
        var model = root.GetProperty("model").GetString()!;
        var prompt = root.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString()!;
        var stream = root.TryGetProperty("stream", out var s) && s.GetBoolean();
        var attempt = _attempts.AddOrUpdate(model + "\n" + prompt, 1, (_, n) => n + 1);
        var request = new UpstreamRequest(Interlocked.Increment(ref _count), model, prompt, stream, context.Request.Headers.Authorization.FirstOrDefault(), attempt);
        Requests.Enqueue(request);
        var reply = _script(request);
        var response = context.Response;
        switch (reply)
        {
            case UpstreamReply.Status status:
                response.StatusCode = status.Code;
                if (status.RetryAfter is not null)
                {
                    response.Headers.RetryAfter = status.RetryAfter;
                }

                response.ContentType = "application/json";
                await response.WriteAsync(status.Body);
                return;
            case UpstreamReply.Malformed malformed:
                response.ContentType = stream ? "text/event-stream" : "application/json";
                await response.WriteAsync(stream ? "data: " + malformed.Body + "\n\n" : malformed.Body);
                return;
            case UpstreamReply.Hang hang:
                try
                {
                    await Task.Delay(hang.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                await WriteAnswerAsync(response, model, new UpstreamReply.Answer("late"), stream);
                return;
            case UpstreamReply.DropMidStream:
                response.ContentType = stream ? "text/event-stream" : "application/json";
                await response.WriteAsync(stream ? Chunk(model, "The answer is", null) : "{\"id\":\"x\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"The ans");
                await response.Body.FlushAsync();
                await Task.Delay(20);
                context.Abort();
                return;
            case UpstreamReply.Answer answer:
                if (answer.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(answer.Delay);
                }

                await WriteAnswerAsync(response, model, answer, stream);
                return;
        }
    }

    private static async Task WriteAnswerAsync(HttpResponse response, string model, UpstreamReply.Answer answer, bool stream)
    {
        var usage = new
        {
            prompt_tokens = answer.PromptTokens,
            completion_tokens = answer.CompletionTokens,
            total_tokens = answer.PromptTokens + answer.CompletionTokens,
            prompt_tokens_details = new { cached_tokens = answer.CachedTokens },
            completion_tokens_details = new { reasoning_tokens = answer.ReasoningTokens },
        };
        if (!stream)
        {
            response.ContentType = "application/json";
            await response.WriteAsync(JsonSerializer.Serialize(new
            {
                id = "chatcmpl-test",
                @object = "chat.completion",
                model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = answer.Content }, finish_reason = "stop" } },
                usage,
            }));
            return;
        }

        response.ContentType = "text/event-stream";
        var third = Math.Max(1, answer.Content.Length / 3);
        var pieces = answer.Content.Length <= 2 ? [answer.Content] : new[] { answer.Content[..third], answer.Content[third..(2 * third)], answer.Content[(2 * third)..] };
        var sb = new StringBuilder();
        sb.Append(": keep-alive comment\n\n");
        foreach (var piece in pieces)
        {
            sb.Append(Chunk(model, piece, null));
        }

        sb.Append(Chunk(model, null, "stop"));
        sb.Append("data: ").Append(JsonSerializer.Serialize(new { id = "chatcmpl-test", @object = "chat.completion.chunk", model, choices = Array.Empty<object>(), usage })).Append("\n\n");
        sb.Append("data: [DONE]\n\n");
        await response.WriteAsync(sb.ToString());
    }

    private static string Chunk(string model, string? content, string? finish) =>
        "data: " + JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion.chunk",
            model,
            choices = new[] { new { index = 0, delta = content is null ? (object)new { } : new { content }, finish_reason = finish } },
        }) + "\n\n";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
