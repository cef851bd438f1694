using System.Buffers;
using System.Text;

namespace Parity.Server.Gateway;

/// <summary>
/// Relays a streamed answer event by event: each chunk rewritten with the gateway's model name (and
/// without the usage chunk the gateway asked for on the client's behalf), flushed whenever the next
/// event is not here yet; the request is recorded before the final <c>[DONE]</c> or error event.
/// </summary>
internal sealed class StreamRelay(UpstreamCaller upstream, ExchangeRecorder recorder)
{
    private static readonly byte[] DoneEvent = "data: [DONE]\n\n"u8.ToArray();

    public async Task RelayAsync(HttpContext context, Exchange exchange, Attempt attempt, bool clientWantsUsage, long promptTokens)
    {
        var model = exchange.Model!;
        exchange.Streamed = true;
        exchange.Status = 200;
        ExchangeRecorder.SetServedHeaders(context, exchange, model);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var body = context.Response.Body;
        var writer = context.Response.BodyWriter;
        var aborted = context.RequestAborted;
        var reader = attempt.Reader!;
        long outputCharacters = 0;
        var finished = false;
        var usage = default(UsageCounts);
        var sawUsage = false;
        var stalled = false;
        var modelJson = upstream.NameJson(model);
        var payload = new ArrayBufferWriter<byte>(1024);
        try
        {
            // The reader holds the first event already (the caller read and checked it).
            while (true)
            {
                var data = reader.Data;
                if (data.SequenceEqual("[DONE]"u8))
                {
                    finished = true;
                    break;
                }

                // The chunk is read and rewritten as UTF-8 bytes in one pass: no text, no document, no re-escaping.
                if (!data.IsEmpty && data[0] == '{' && StreamChunk.TryRead(data, out var chunk))
                {
                    if (chunk.HasUsage)
                    {
                        usage = chunk.Usage;
                        sawUsage = true;
                    }

                    outputCharacters += chunk.Characters;
                    finished |= chunk.Finished;
                    if (clientWantsUsage || !sawUsage || chunk.Choices != 0)
                    {
                        payload.ResetWrittenCount();
                        chunk.WritePayload(payload, modelJson, keepUsage: clientWantsUsage);
                        SseFrame.Write(writer, reader.OtherLines, payload.WrittenSpan);
                    }

                    // else: the usage chunk the gateway asked for on the client's behalf is not forwarded.
                }
                else
                {
                    SseFrame.Write(writer, reader.OtherLines, data); // not a JSON object: relayed as it came
                }

                if (reader.TryReadBuffered())
                {
                    continue; // events that arrived together go out in one write
                }

                // A provider that goes quiet for longer than its timeout between two events is given up on.
                // What was written is flushed whenever the next event is not here yet (the read did not
                // complete at once), so none waits for a later one.
                attempt.Timeout!.CancelAfter(model.Provider.Timeout);
                var next = reader.ReadEventAsync(attempt.Timeout.Token);
                if (!next.IsCompleted)
                {
                    await writer.FlushAsync(aborted);
                }

                var more = await next;
                attempt.Timeout.CancelAfter(Timeout.InfiniteTimeSpan);
                if (!more)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !aborted.IsCancellationRequested)
        {
            finished = false;
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            finished = false;
            stalled = true;
        }

        await writer.FlushAsync(aborted); // what was written before the stream ended or broke
        exchange.Usage = sawUsage ? usage : new UsageCounts { Input = promptTokens, Output = UsageCounts.Estimate(outputCharacters) };
        if (!finished)
        {
            exchange.Status = stalled ? 504 : 502;
            exchange.Error = stalled ? "upstream_timeout" : "upstream_disconnected";
            await recorder.FinishAsync(exchange);
            var message = stalled
                ? $"The provider '{model.Provider.Name}' sent nothing for {model.Provider.Timeout.TotalSeconds:0.#} s in the middle of the stream."
                : $"The provider '{model.Provider.Name}' broke off the stream.";
            var error = Encoding.UTF8.GetBytes("data: " + OpenAiError.Body("upstream_error", exchange.Error, message) + "\n\n");
            await body.WriteAsync(error, aborted);
            return;
        }

        await recorder.FinishAsync(exchange);
        await body.WriteAsync(DoneEvent, aborted);
    }
}
