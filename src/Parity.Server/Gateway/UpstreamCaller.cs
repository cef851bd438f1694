using System.Diagnostics;
using System.Net;
using Parity.Gateway;

namespace Parity.Server.Gateway;

/// <summary>
/// One call to one upstream model: sends the request and reads what must arrive before anything goes
/// to the client (the whole body, or a stream's first event), so that a failure up to that point can
/// still fall back to the next model.
/// </summary>
internal sealed class UpstreamCaller(GatewayServices services)
{
    /// <summary>Sends the request to one model. For non-streaming calls the whole body is read; for streaming ones, the first event.</summary>
    public async Task<Attempt> CallAsync(GatewayModel model, HttpContent content, bool stream, CancellationToken clientAborted)
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
                Content = content,
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
                return new Attempt(AttemptOutcome.Ok, response, body, null, timeout);
            }

            // The first event is read before anything goes to the client, so an empty stream can still fall back.
            var reader = new SseReader(await response.Content.ReadAsStreamAsync(timeout.Token));
            if (!await reader.ReadEventAsync(timeout.Token))
            {
                reader.Dispose();
                response.Dispose();
                return new Attempt(AttemptOutcome.Connection, null, null, null, timeout) { OutcomeLabel = "empty_stream" };
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
}
