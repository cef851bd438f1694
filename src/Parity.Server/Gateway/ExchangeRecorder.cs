using Parity.Gateway;

namespace Parity.Server.Gateway;

/// <summary>How a request ends, whichever part of the gateway ends it: recorded in the ledger, settled against its key's budget, counted in the metrics.</summary>
internal sealed class ExchangeRecorder(GatewayServices services)
{
    private static readonly string[] AttemptCounts = [.. Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Writes an error produced by the gateway itself, after recording it.</summary>
    public async Task FailAsync(HttpContext context, Exchange exchange, int status, string type, string code, string message, string? param = null)
    {
        exchange.Status = status;
        exchange.Error = code;
        await FinishAsync(exchange);
        await OpenAiError.WriteAsync(context, status, type, code, message, param);
    }

    /// <summary>Records the request (waiting for the ledger's commit), settles its budget and counts it in the metrics.</summary>
    public async Task FinishAsync(Exchange exchange)
    {
        exchange.Finished = true;
        var entry = exchange.ToLedgerEntry();
        if (exchange.Usage.FromUpstream && exchange.Model is { } model)
        {
            // What the provider reported teaches the next reservations for this model (at once when it is more).
            services.Calibration.Observe(model.Name, exchange.EstimatedInputTokens, exchange.Usage.Input);
        }

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

    /// <summary>The <c>x-parity-*</c> headers: which model and provider served the request, the route, and how many upstream calls it took.</summary>
    public static void SetServedHeaders(HttpContext context, Exchange exchange, GatewayModel model)
    {
        var headers = context.Response.Headers;
        headers["x-parity-model"] = model.Name;
        headers["x-parity-provider"] = model.Provider.Name;
        headers["x-parity-route"] = exchange.Route;
        headers["x-parity-attempts"] = exchange.Attempts < AttemptCounts.Length ? AttemptCounts[exchange.Attempts] : exchange.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
