using System.Text;
using Parity.Gateway;

namespace Parity.Server.Gateway;

/// <summary>
/// The answer when no model is left to fall back to: the last upstream's error status and body passed
/// through (its key scrubbed), or the gateway's own error saying what went wrong.
/// </summary>
internal sealed class FailedAttemptResponse(ExchangeRecorder recorder)
{
    public async Task WriteAsync(HttpContext context, Exchange exchange, Attempt attempt, GatewayModel model)
    {
        exchange.Model = model;
        if (attempt.Response is { } failed)
        {
            var body = attempt.Body ?? await ReadBodySafelyAsync(failed, context.RequestAborted);
            exchange.Status = (int)failed.StatusCode;
            exchange.Error = "upstream_" + (int)failed.StatusCode;
            exchange.Usage = default;
            ExchangeRecorder.SetServedHeaders(context, exchange, model);
            await recorder.FinishAsync(exchange);
            context.Response.StatusCode = (int)failed.StatusCode;
            context.Response.ContentType = failed.Content.Headers.ContentType?.ToString() ?? "application/json";
            if (failed.Headers.RetryAfter is { } retry)
            {
                context.Response.Headers.RetryAfter = retry.ToString();
            }

            await context.Response.Body.WriteAsync(Scrub(body, model.Provider), context.RequestAborted);
            return;
        }

        ExchangeRecorder.SetServedHeaders(context, exchange, model);
        var provider = model.Provider.Name;
        var tries = $"(model '{model.Name}', {exchange.Attempts} attempt(s))";
        var (status, code, message) = attempt.Outcome switch
        {
            AttemptOutcome.Timeout => (504, "upstream_timeout", $"The provider '{provider}' did not answer within {model.Provider.Timeout.TotalSeconds:0.#} s {tries}."),
            AttemptOutcome.CircuitOpen => (503, "upstream_circuit_open", $"The provider '{provider}' failed too often lately and is not called until its circuit breaker lets a probe through {tries}."),
            AttemptOutcome.InvalidAnswer => (502, "invalid_upstream_response", attempt.OutcomeLabel switch
            {
                "error_body" => $"The provider '{provider}' answered 200 with an error object instead of a chat completion {tries}.",
                "empty_stream" => $"The provider '{provider}' answered with an empty stream {tries}.",
                "invalid_stream" => $"The provider '{provider}' sent a stream whose first event is not a JSON chunk {tries}.",
                _ => $"The provider '{provider}' answered with something that is not a JSON chat completion {tries}.",
            }),
            _ => (502, "upstream_unreachable", $"The provider '{provider}' could not be reached or broke the connection {tries}."),
        };
        if (attempt.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await recorder.FailAsync(context, exchange, status, "upstream_error", code, message);
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
}
