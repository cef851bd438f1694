using System.Collections.Frozen;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Parity.Gateway;

namespace Parity.Server.Gateway;

/// <summary>
/// One call to one upstream model: sends the request and reads what must arrive before anything goes
/// to the client (the whole body, or a stream's first event) and checks that it is an answer, so that a
/// failure up to that point — an error status, a timeout, a broken connection, a 200 whose body is not a
/// chat completion or is an error object, an empty stream or one cut before its first event — can still
/// fall back to the next model. Calls go through the model's circuit breaker (<see cref="UpstreamBreakers"/>).
/// </summary>
internal sealed class UpstreamCaller(GatewayServices services)
{
    /// <summary>Each model's name as a JSON string, the value every answer's <c>model</c> is given.</summary>
    private readonly FrozenDictionary<string, byte[]> modelNames =
        services.Setup.Models.Keys.ToFrozenDictionary(name => name, name => JsonSerializer.SerializeToUtf8Bytes(name), StringComparer.Ordinal);

    /// <summary>The model's name as a JSON string.</summary>
    public byte[] NameJson(GatewayModel model) => modelNames[model.Name];

    /// <summary>
    /// Sends the request to one model through its breaker (an open breaker answers
    /// <see cref="AttemptOutcome.CircuitOpen"/> without a call). For non-streaming calls the whole body is
    /// read and rewritten; for streaming ones, the first event is read.
    /// </summary>
    public ValueTask<Attempt> CallAsync(GatewayModel model, ChatRequest request, bool stream, CancellationToken clientAborted) =>
        services.Breakers.ExecuteAsync(model, this, request, stream, clientAborted);

    /// <summary>The call itself, without the breaker.</summary>
    internal async Task<Attempt> SendAsync(GatewayModel model, ChatRequest request, bool stream, CancellationToken clientAborted)
    {
        var provider = model.Provider;
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
        timeout.CancelAfter(provider.Timeout);
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage? response = null;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, provider.ChatCompletionsUrl)
            {
                Content = request.UpstreamContent(model.UpstreamModel, forceUsage: stream),
                Version = HttpVersion.Version11,
            };
            // Fixed header values are added as text: nothing to parse or format again per request.
            message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            if (provider.AuthorizationHeader is { } authorization)
            {
                message.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            if (stream)
            {
                message.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
            }

            response = await services.Upstream.SendAsync(message, timeout.Token);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var errorBody = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                var retryable = status == 429 || status >= 500;
                return new Attempt(retryable ? AttemptOutcome.RetryableStatus : AttemptOutcome.FinalStatus, response, errorBody, null, timeout)
                {
                    OutcomeLabel = status == 429 ? "http_429" : status >= 500 ? "http_5xx" : "http_4xx",
                };
            }

            if (!stream)
            {
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                services.Metrics.FirstByte(model.Name, Stopwatch.GetElapsedTime(started).TotalSeconds);
                if (!CompletionRewriter.TryRewrite(body, modelNames[model.Name], out var rewritten, out var usage, out var characters, out var errorObject))
                {
                    response.Dispose();
                    return new Attempt(AttemptOutcome.InvalidAnswer, null, null, null, timeout) { OutcomeLabel = errorObject ? "error_body" : "invalid_body" };
                }

                return new Attempt(AttemptOutcome.Ok, response, rewritten, null, timeout) { Usage = usage, ContentCharacters = characters };
            }

            // The first event is read and checked before anything goes to the client, so an empty stream, one
            // cut before its first whole event, or one that opens with an error can still fall back.
            var reader = new SseReader(await response.Content.ReadAsStreamAsync(timeout.Token));
            var label = await FirstEventProblemAsync(reader, timeout.Token);
            if (label is not null)
            {
                reader.Dispose();
                response.Dispose();
                return new Attempt(AttemptOutcome.InvalidAnswer, null, null, null, timeout) { OutcomeLabel = label };
            }

            services.Metrics.FirstByte(model.Name, Stopwatch.GetElapsedTime(started).TotalSeconds);
            timeout.CancelAfter(Timeout.InfiniteTimeSpan);
            return new Attempt(AttemptOutcome.Ok, response, null, reader, timeout);
        }
        catch (OperationCanceledException) when (!clientAborted.IsCancellationRequested)
        {
            response?.Dispose();
            return new Attempt(AttemptOutcome.Timeout, null, null, null, timeout) { OutcomeLabel = "timeout" };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            response?.Dispose();
            return new Attempt(AttemptOutcome.Connection, null, null, null, timeout) { OutcomeLabel = "connection" };
        }
    }

    /// <summary>
    /// Reads the stream's first event: null when it is a JSON chunk to relay, else why not — <c>empty_stream</c>
    /// (no event, or <c>[DONE]</c> first), <c>invalid_stream</c> (not a JSON object: cut mid-event, or
    /// garbage) or <c>error_body</c> (an object with an <c>error</c> member).
    /// </summary>
    private static async Task<string?> FirstEventProblemAsync(SseReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadEventAsync(cancellationToken) || reader.Data.SequenceEqual("[DONE]"u8))
        {
            return "empty_stream";
        }

        if (!StreamChunk.TryRead(reader.Data, out var chunk))
        {
            return "invalid_stream";
        }

        return chunk.HasError ? "error_body" : null;
    }
}
