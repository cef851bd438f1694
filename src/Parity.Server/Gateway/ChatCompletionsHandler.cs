using System.Buffers;
using System.Collections.Frozen;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Parity.Gateway;

namespace Parity.Server.Gateway;

/// <summary>
/// <c>POST /v1/chat/completions</c>: checks the virtual key, picks the route's models, calls them in
/// order until one answers (falling back on 429, 5xx, timeout or connection error while nothing has
/// been sent to the client), relays the answer — streamed event by event or whole — and records the
/// request in the ledger before the response's last bytes go out.
/// </summary>
internal sealed class ChatCompletionsHandler(GatewayServices services)
{
    /// <summary>Each model's name as a JSON string, the value every answer's <c>model</c> is given.</summary>
    private readonly FrozenDictionary<string, byte[]> modelNames =
        services.Setup.Models.Keys.ToFrozenDictionary(name => name, name => JsonSerializer.SerializeToUtf8Bytes(name), StringComparer.Ordinal);

    private static readonly byte[] DoneEvent = "data: [DONE]\n\n"u8.ToArray();

    /// <summary>This process's random half of every request id (the other half counts requests).</summary>
    private static readonly string RequestIdPrefix = "req_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));

    private static long requestCount;

    private readonly UpstreamCaller upstream = new(services);

    private static readonly string[] AttemptCounts = [.. Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public async Task HandleAsync(HttpContext context)
    {
        var exchange = new Exchange
        {
            RequestId = NewRequestId(),
            At = DateTimeOffset.UtcNow,
            StartedTimestamp = Stopwatch.GetTimestamp(),
        };
        context.Response.Headers["x-request-id"] = exchange.RequestId;
        services.Metrics.RequestStarted();
        try
        {
            await RunAsync(context, exchange);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; recorded below.
        }
        finally
        {
            if (!exchange.Finished)
            {
                // The client went away or something unexpected failed: still record and settle.
                if (context.RequestAborted.IsCancellationRequested)
                {
                    exchange.Status = 499;
                    exchange.Error = "client_disconnected";
                }
                else
                {
                    exchange.Status = 500;
                    exchange.Error ??= "gateway_error";
                }

                await FinishAsync(exchange);
            }
        }
    }

    private async Task RunAsync(HttpContext context, Exchange exchange)
    {
        var setup = services.Setup;

        // 1. The virtual key.
        var key = PresentedKey(context.Request, out var presented);
        if (presented)
        {
            if (key is null || key.RevokedAt is not null)
            {
                await FailAsync(context, exchange, 401, "invalid_request_error", "invalid_api_key", key is null ? "Incorrect API key provided." : "This API key has been revoked.");
                return;
            }

            exchange.Key = key;
        }
        else if (setup.KeysRequired)
        {
            await FailAsync(context, exchange, 401, "invalid_request_error", "missing_api_key", "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.");
            return;
        }

        // 2. The request body: one pass over the bytes, no document; the fields the gateway relies on are checked there.
        ChatRequest request;
        try
        {
            request = await ChatRequest.ReadAsync(context.Request.Body, context.Request.ContentLength, setup.MaxBodyBytes, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            await FailAsync(context, exchange, 400, "invalid_request_error", "invalid_json", $"The request body is not valid JSON: {ex.Message}");
            return;
        }
        catch (RequestFieldException ex)
        {
            await FailAsync(context, exchange, 400, "invalid_request_error", ex.Code, ex.Message, ex.Param);
            return;
        }
        catch (BadHttpRequestException ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Kestrel's own refusal of the body (over the size limit, or a malformed or too slow upload):
            // answered here in the OpenAI shape and recorded, instead of an unhandled exception and an empty 413.
            var tooLarge = ex.StatusCode == StatusCodes.Status413PayloadTooLarge;
            await FailAsync(context, exchange, ex.StatusCode, "invalid_request_error", tooLarge ? "request_too_large" : "bad_request",
                tooLarge
                    ? $"The request body is larger than this gateway's limit of {setup.MaxBodyBytes / (1024.0 * 1024):0.##} MB (server.maxBodyMB in its config)."
                    : $"The request body could not be read: {ex.Message}");
            return;
        }

        using var requestScope = request;
        if (request.Model is not { } requested)
        {
            await FailAsync(context, exchange, 400, "invalid_request_error", "missing_model", "The request needs a 'model': a model or route name (see GET /v1/models).", "model");
            return;
        }

        exchange.Route = requested;
        if (!request.HasMessages)
        {
            await FailAsync(context, exchange, 400, "invalid_request_error", "missing_messages", "The request needs 'messages', an array.", "messages");
            return;
        }

        var route = setup.Resolve(requested);
        if (route is null)
        {
            await FailAsync(context, exchange, 404, "invalid_request_error", "model_not_found", $"The model or route '{requested}' does not exist on this gateway.");
            return;
        }

        var stream = request.Stream;
        var clientWantsUsage = request.ClientWantsUsage;
        var plan = route.Plan(Random.Shared.NextDouble());
        var promptCharacters = request.PromptCharacters;

        // 3. Budget and limits: reserve the worst case over the models that may serve it.
        if (exchange.Key is { } vkey)
        {
            // The effective worst case: every choice as long as max_tokens allows (validated: 1 or more),
            // at the dearest model of the plan; never below zero.
            var outputTokens = (request.MaxTokens ?? setup.DefaultMaxTokens) * request.Choices;
            var inputEstimate = UsageCounts.Estimate(promptCharacters) + 16 * request.MessageCount;
            foreach (var candidate in plan)
            {
                exchange.Reserved = Math.Max(exchange.Reserved, candidate.Cost(inputEstimate, outputTokens, 0, exchange.At));
            }

            var admission = await services.Limits.TryAdmitAsync(vkey, exchange.Reserved, exchange.At, context.RequestAborted);
            switch (admission)
            {
                case AdmissionResult.OverBudget:
                    var (spent, reserved) = await services.Limits.BudgetStateAsync(vkey, exchange.At, context.RequestAborted);
                    var message = BudgetRefusal.Message(vkey, exchange.Reserved, spent, reserved, inputEstimate, outputTokens);
                    exchange.Reserved = 0;
                    await FailAsync(context, exchange, 402, "insufficient_quota", "budget_exceeded", message);
                    return;
                case AdmissionResult.OverRequestsPerMinute:
                    exchange.Reserved = 0;
                    context.Response.Headers.RetryAfter = SecondsToNextMinute();
                    await FailAsync(context, exchange, 429, "rate_limit_exceeded", "rate_limit_exceeded", $"The key '{vkey.Name}' is limited to {vkey.Rpm} requests per minute.");
                    return;
                case AdmissionResult.OverTokensPerMinute:
                    exchange.Reserved = 0;
                    context.Response.Headers.RetryAfter = SecondsToNextMinute();
                    await FailAsync(context, exchange, 429, "rate_limit_exceeded", "tokens_per_minute_exceeded", $"The key '{vkey.Name}' is limited to {vkey.Tpm} tokens per minute.");
                    return;
            }

            exchange.Admitted = true;
        }

        // 4. Try the models in order.
        for (var i = 0; i < plan.Count; i++)
        {
            var model = plan[i];
            var last = i == plan.Count - 1;
            exchange.Attempts++;
            var attempt = await upstream.CallAsync(model, request.UpstreamContent(model.UpstreamModel, forceUsage: stream), stream, context.RequestAborted);
            if (attempt.Outcome == AttemptOutcome.Ok)
            {
                exchange.Model = model;
                services.Metrics.Attempt(model.Provider.Name, model.Name, "ok");
                using (attempt.Response)
                using (attempt.Timeout)
                using (attempt.Reader)
                {
                    if (stream)
                    {
                        await RelayStreamAsync(context, exchange, attempt, clientWantsUsage, promptCharacters);
                    }
                    else
                    {
                        await RelayWholeAsync(context, exchange, attempt.Body!, model, promptCharacters);
                    }
                }

                return;
            }

            services.Metrics.Attempt(model.Provider.Name, model.Name, attempt.OutcomeLabel);
            if (!last && attempt.Retryable)
            {
                attempt.Response?.Dispose();
                attempt.Timeout?.Dispose();
                continue;
            }

            // No fallback applies: pass the upstream's error through, or say what went wrong.
            exchange.Model = model;
            using (attempt.Response)
            using (attempt.Timeout)
            {
                if (attempt.Response is { } failed)
                {
                    var body = attempt.Body ?? await ReadBodySafelyAsync(failed, context.RequestAborted);
                    exchange.Status = (int)failed.StatusCode;
                    exchange.Error = "upstream_" + (int)failed.StatusCode;
                    exchange.Usage = default;
                    SetServedHeaders(context, exchange, model);
                    await FinishAsync(exchange);
                    context.Response.StatusCode = (int)failed.StatusCode;
                    context.Response.ContentType = failed.Content.Headers.ContentType?.ToString() ?? "application/json";
                    if (failed.Headers.RetryAfter is { } retry)
                    {
                        context.Response.Headers.RetryAfter = retry.ToString();
                    }

                    await context.Response.Body.WriteAsync(Scrub(body, model.Provider), context.RequestAborted);
                }
                else
                {
                    var timedOut = attempt.Outcome == AttemptOutcome.Timeout;
                    SetServedHeaders(context, exchange, model);
                    await FailAsync(context, exchange, timedOut ? 504 : 502, "upstream_error", timedOut ? "upstream_timeout" : "upstream_unreachable",
                        timedOut
                            ? $"The provider '{model.Provider.Name}' did not answer within {model.Provider.Timeout.TotalSeconds:0.#} s (model '{model.Name}', {exchange.Attempts} attempt(s))."
                            : $"The provider '{model.Provider.Name}' could not be reached or broke the connection (model '{model.Name}', {exchange.Attempts} attempt(s)).");
                }
            }

            return;
        }
    }

    private async Task RelayWholeAsync(HttpContext context, Exchange exchange, byte[] body, GatewayModel model, long promptCharacters)
    {
        if (!CompletionRewriter.TryRewrite(body, modelNames[model.Name], out var bytes, out var usage, out var characters))
        {
            SetServedHeaders(context, exchange, model);
            await FailAsync(context, exchange, 502, "upstream_error", "invalid_upstream_response", $"The provider '{model.Provider.Name}' answered with something that is not a JSON chat completion.");
            return;
        }

        exchange.Usage = usage.FromUpstream ? usage : new UsageCounts { Input = UsageCounts.Estimate(promptCharacters), Output = UsageCounts.Estimate(characters) };
        exchange.Status = 200;
        SetServedHeaders(context, exchange, model);
        await FinishAsync(exchange);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private async Task RelayStreamAsync(HttpContext context, Exchange exchange, Attempt attempt, bool clientWantsUsage, long promptCharacters)
    {
        var model = exchange.Model!;
        exchange.Streamed = true;
        exchange.Status = 200;
        SetServedHeaders(context, exchange, model);
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
        var modelJson = modelNames[model.Name];
        var payload = new ArrayBufferWriter<byte>(1024);
        try
        {
            // The reader holds the first event already (CallAsync read it).
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
        exchange.Usage = sawUsage ? usage : new UsageCounts { Input = UsageCounts.Estimate(promptCharacters), Output = UsageCounts.Estimate(outputCharacters) };
        if (!finished)
        {
            exchange.Status = stalled ? 504 : 502;
            exchange.Error = stalled ? "upstream_timeout" : "upstream_disconnected";
            await FinishAsync(exchange);
            var message = stalled
                ? $"The provider '{model.Provider.Name}' sent nothing for {model.Provider.Timeout.TotalSeconds:0.#} s in the middle of the stream."
                : $"The provider '{model.Provider.Name}' broke off the stream.";
            var error = Encoding.UTF8.GetBytes("data: " + OpenAiError.Body("upstream_error", exchange.Error, message) + "\n\n");
            await body.WriteAsync(error, aborted);
            return;
        }

        await FinishAsync(exchange);
        await body.WriteAsync(DoneEvent, aborted);
    }

    /// <summary>Writes an error produced by the gateway itself, after recording it.</summary>
    private async Task FailAsync(HttpContext context, Exchange exchange, int status, string type, string code, string message, string? param = null)
    {
        exchange.Status = status;
        exchange.Error = code;
        await FinishAsync(exchange);
        await OpenAiError.WriteAsync(context, status, type, code, message, param);
    }

    /// <summary>Records the request (waiting for the ledger's commit), settles its budget and counts it in the metrics.</summary>
    private async Task FinishAsync(Exchange exchange)
    {
        exchange.Finished = true;
        var entry = exchange.ToLedgerEntry();
        try
        {
            if (exchange.Admitted && exchange.Key is { } key)
            {
                await services.Limits.SettleAsync(key, exchange.Reserved, entry.CostUsd, entry.InputTokens + entry.OutputTokens, exchange.At, CancellationToken.None);
            }
        }
        finally
        {
            services.Metrics.RequestFinished(exchange.Route, entry.Model, entry.Origin, entry.OpenWeights, entry.Status, entry.Error, exchange.ElapsedSeconds,
                entry.InputTokens, entry.OutputTokens, entry.CachedTokens, entry.CostUsd);
            await services.Ledger.AppendAsync(entry);
        }
    }

    private static void SetServedHeaders(HttpContext context, Exchange exchange, GatewayModel model)
    {
        var headers = context.Response.Headers;
        headers["x-parity-model"] = model.Name;
        headers["x-parity-provider"] = model.Provider.Name;
        headers["x-parity-route"] = exchange.Route;
        headers["x-parity-attempts"] = exchange.Attempts < AttemptCounts.Length ? AttemptCounts[exchange.Attempts] : exchange.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A request id unique to this request: a random per-process prefix and a counter (no system call, unlike a random GUID here).</summary>
    private static string NewRequestId() =>
        RequestIdPrefix + Interlocked.Increment(ref requestCount).ToString("x12", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The virtual key of the request's <c>Authorization: Bearer &lt;key&gt;</c>, or null when the key is
    /// unknown; <paramref name="presented"/> says whether the request gave a key at all.
    /// </summary>
    private VirtualKey? PresentedKey(HttpRequest request, out bool presented)
    {
        string? header = request.Headers.Authorization;
        var secret = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header.AsSpan("Bearer ".Length).Trim() : default;
        presented = !secret.IsEmpty;
        return presented ? services.KeyCache.Find(secret) : null;
    }

    /// <summary>Removes the provider's key from a body that echoes it (some providers quote the key they got).</summary>
    private static byte[] Scrub(byte[] body, GatewayProvider provider)
    {
        if (provider.ApiKey is not { Length: > 0 } key)
        {
            return body;
        }

        var text = Encoding.UTF8.GetString(body);
        return text.Contains(key, StringComparison.Ordinal) ? Encoding.UTF8.GetBytes(text.Replace(key, "***", StringComparison.Ordinal)) : body;
    }

    private static async Task<byte[]> ReadBodySafelyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return [];
        }
    }

    private static string SecondsToNextMinute() => (60 - DateTimeOffset.UtcNow.Second).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
