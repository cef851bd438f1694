using System.Diagnostics;
using System.Text.Json;
using Parity.Gateway;

namespace Parity.Server.Gateway;

/// <summary>
/// <c>POST /v1/chat/completions</c>: checks the virtual key, reads the body, reserves the budget
/// (<see cref="BudgetAdmission"/>), picks the route's models and calls them in order until one answers
/// (falling back on every failure before anything has been sent to the client, see
/// <see cref="UpstreamCaller"/>), relays the answer — streamed event by event (<see cref="StreamRelay"/>)
/// or whole — and records the request in the ledger before the response's last bytes go out.
/// </summary>
internal sealed class ChatCompletionsHandler
{
    private readonly GatewayServices services;

    /// <summary>This process's random half of every request id (the other half counts requests).</summary>
    private static readonly string RequestIdPrefix = "req_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));

    private static long requestCount;

    private readonly UpstreamCaller upstream;
    private readonly ExchangeRecorder recorder;
    private readonly BudgetAdmission admission;
    private readonly StreamRelay streamRelay;
    private readonly FailedAttemptResponse failedAttempt;

    public ChatCompletionsHandler(GatewayServices services)
    {
        this.services = services;
        upstream = new UpstreamCaller(services);
        recorder = new ExchangeRecorder(services);
        admission = new BudgetAdmission(services, recorder);
        streamRelay = new StreamRelay(upstream, recorder);
        failedAttempt = new FailedAttemptResponse(recorder);
    }

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

                await recorder.FinishAsync(exchange);
            }
        }
    }

    private async Task RunAsync(HttpContext context, Exchange exchange)
    {
        var setup = services.Setup;

        // 1. The virtual key.
        var (presented, key, unseen) = PresentedKey(context.Request);
        if (unseen is not null)
        {
            key = await services.KeyCache.FindAsync(unseen);
        }

        if (presented)
        {
            if (key is null || key.RevokedAt is not null)
            {
                await recorder.FailAsync(context, exchange, 401, "invalid_request_error", "invalid_api_key", key is null ? "Incorrect API key provided." : "This API key has been revoked.");
                return;
            }

            exchange.Key = key;
        }
        else if (setup.KeysRequired)
        {
            await recorder.FailAsync(context, exchange, 401, "invalid_request_error", "missing_api_key", "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.");
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
            await recorder.FailAsync(context, exchange, 400, "invalid_request_error", "invalid_json", $"The request body is not valid JSON: {ex.Message}");
            return;
        }
        catch (RequestFieldException ex)
        {
            await recorder.FailAsync(context, exchange, 400, "invalid_request_error", ex.Code, ex.Message, ex.Param);
            return;
        }
        catch (BadHttpRequestException ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Kestrel's own refusal of the body (over the size limit, or a malformed or too slow upload):
            // answered here in the OpenAI shape and recorded, instead of an unhandled exception and an empty 413.
            var tooLarge = ex.StatusCode == StatusCodes.Status413PayloadTooLarge;
            await recorder.FailAsync(context, exchange, ex.StatusCode, "invalid_request_error", tooLarge ? "request_too_large" : "bad_request",
                tooLarge
                    ? $"The request body is larger than this gateway's limit of {setup.MaxBodyBytes / (1024.0 * 1024):0.##} MB (server.maxBodyMB in its config)."
                    : $"The request body could not be read: {ex.Message}");
            return;
        }

        using var requestScope = request;
        if (request.Model is not { } requested)
        {
            await recorder.FailAsync(context, exchange, 400, "invalid_request_error", "missing_model", "The request needs a 'model': a model or route name (see GET /v1/models).", "model");
            return;
        }

        exchange.Route = requested;
        if (!request.HasMessages)
        {
            await recorder.FailAsync(context, exchange, 400, "invalid_request_error", "missing_messages", "The request needs 'messages', an array.", "messages");
            return;
        }

        var route = setup.Resolve(requested);
        if (route is null)
        {
            await recorder.FailAsync(context, exchange, 404, "invalid_request_error", "model_not_found", $"The model or route '{requested}' does not exist on this gateway.");
            return;
        }

        var stream = request.Stream;
        var plan = route.Learned is { } learned ? Decide(context, exchange, learned, request) : route.Plan(Random.Shared.NextDouble());

        // 3. Budget and limits: reserve the worst case over the models that may serve it.
        if (!await admission.AdmitAsync(context, exchange, request, plan))
        {
            return;
        }

        // 4. Try the models in order, falling back while nothing has gone to the client.
        for (var i = 0; i < plan.Count; i++)
        {
            var model = plan[i];
            var last = i == plan.Count - 1;
            var attempt = await upstream.CallAsync(model, request, stream, context.RequestAborted);
            if (attempt.Outcome != AttemptOutcome.CircuitOpen)
            {
                exchange.Attempts++;
            }

            services.Metrics.Attempt(model.Provider.Name, model.Name, attempt.OutcomeLabel);
            try
            {
                if (attempt.Outcome == AttemptOutcome.Ok)
                {
                    exchange.Model = model;
                    var promptTokens = request.PromptTokens(model.Tokenizer);
                    exchange.EstimatedInputTokens = promptTokens;
                    if (stream)
                    {
                        await streamRelay.RelayAsync(context, exchange, attempt, request.ClientWantsUsage, promptTokens);
                    }
                    else
                    {
                        await RelayWholeAsync(context, exchange, attempt, model, promptTokens);
                    }

                    return;
                }

                if (!last && attempt.Retryable)
                {
                    continue;
                }

                // No fallback applies: pass the upstream's error through, or say what went wrong.
                await failedAttempt.WriteAsync(context, exchange, attempt, model);
                return;
            }
            finally
            {
                attempt.Release();
            }
        }
    }

    private async Task RelayWholeAsync(HttpContext context, Exchange exchange, Attempt attempt, GatewayModel model, long promptTokens)
    {
        var bytes = attempt.Body!;
        exchange.Usage = attempt.Usage.FromUpstream ? attempt.Usage : new UsageCounts { Input = promptTokens, Output = UsageCounts.Estimate(attempt.ContentCharacters) };
        exchange.Status = 200;
        ExchangeRecorder.SetServedHeaders(context, exchange, model);
        await recorder.FinishAsync(exchange);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>
    /// A learned route's decision: the router scores the prompt once; the score, the threshold and the model
    /// it picked go into the response headers now (also on a later error) and into the ledger record.
    /// </summary>
    private static IReadOnlyList<GatewayModel> Decide(HttpContext context, Exchange exchange, LearnedRoute learned, ChatRequest request)
    {
        var score = learned.Score(request.RouterPrompt());
        exchange.RouteScore = score;
        exchange.RouteThreshold = learned.Threshold;
        exchange.RouteChoice = learned.Choose(score).Name;
        var headers = context.Response.Headers;
        headers["x-parity-route-score"] = score.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        headers["x-parity-route-threshold"] = learned.ThresholdText;
        headers["x-parity-route-choice"] = exchange.RouteChoice;
        return learned.Plan(score);
    }

    /// <summary>A request id unique to this request: a random per-process prefix and a counter (no system call, unlike a random GUID here).</summary>
    private static string NewRequestId() =>
        RequestIdPrefix + Interlocked.Increment(ref requestCount).ToString("x12", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether the request gave a key (<c>Authorization: Bearer &lt;key&gt;</c>), its virtual key when it was
    /// seen in the last few seconds, and otherwise the secret to look up (<see cref="KeyCache.FindAsync"/>).
    /// </summary>
    private (bool Presented, VirtualKey? Key, string? Unseen) PresentedKey(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        var secret = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header.AsSpan("Bearer ".Length).Trim() : default;
        if (secret.IsEmpty)
        {
            return (false, null, null);
        }

        return services.KeyCache.TryFindCached(secret, out var key) ? (true, key, null) : (true, null, secret.ToString());
    }
}
