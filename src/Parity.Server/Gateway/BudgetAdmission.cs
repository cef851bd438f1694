using Parity.Gateway;

namespace Parity.Server.Gateway;

/// <summary>
/// Step 3 of a request: the key's per-minute limits and its budget. The request reserves its worst case —
/// the prompt's tokens (counted with each candidate model's tokenizer, times what that model's provider
/// has been seen to report per counted token, see <see cref="PromptCalibration"/>) plus every choice as
/// long as <c>max_tokens</c> allows, at the dearest model of the plan — and is refused (402, 429) when that
/// does not fit; the reservation is settled with the real cost when the request ends
/// (<see cref="ExchangeRecorder.FinishAsync"/>).
/// </summary>
internal sealed class BudgetAdmission(GatewayServices services, ExchangeRecorder recorder)
{
    /// <summary>True when the request may go on (admitted, or no key to limit); false when a refusal was written.</summary>
    public async Task<bool> AdmitAsync(HttpContext context, Exchange exchange, ChatRequest request, IReadOnlyList<GatewayModel> plan)
    {
        if (exchange.Key is not { } vkey)
        {
            return true;
        }

        // The effective worst case: every choice as long as max_tokens allows (validated: 1 or more),
        // at the dearest model of the plan; never below zero.
        var outputTokens = (request.MaxTokens ?? services.Setup.DefaultMaxTokens) * request.Choices;
        long inputEstimate = 0;
        foreach (var candidate in plan)
        {
            var input = services.Calibration.Reserve(candidate.Name, request.PromptTokens(candidate.Tokenizer));
            var cost = candidate.Cost(input, outputTokens, 0, exchange.At);
            if (cost >= exchange.Reserved)
            {
                exchange.Reserved = cost;
                inputEstimate = input;
            }
        }

        var admission = await services.Limits.TryAdmitAsync(vkey, exchange.Reserved, exchange.At, context.RequestAborted);
        switch (admission)
        {
            case AdmissionResult.OverBudget:
                var (spent, reserved) = await services.Limits.BudgetStateAsync(vkey, exchange.At, context.RequestAborted);
                var message = BudgetRefusal.Message(vkey, exchange.Reserved, spent, reserved, inputEstimate, outputTokens);
                exchange.Reserved = 0;
                await recorder.FailAsync(context, exchange, 402, "insufficient_quota", "budget_exceeded", message);
                return false;
            case AdmissionResult.OverRequestsPerMinute:
                exchange.Reserved = 0;
                context.Response.Headers.RetryAfter = SecondsToNextMinute();
                await recorder.FailAsync(context, exchange, 429, "rate_limit_exceeded", "rate_limit_exceeded", $"The key '{vkey.Name}' is limited to {vkey.Rpm} requests per minute.");
                return false;
            case AdmissionResult.OverTokensPerMinute:
                exchange.Reserved = 0;
                context.Response.Headers.RetryAfter = SecondsToNextMinute();
                await recorder.FailAsync(context, exchange, 429, "rate_limit_exceeded", "tokens_per_minute_exceeded", $"The key '{vkey.Name}' is limited to {vkey.Tpm} tokens per minute.");
                return false;
        }

        exchange.Admitted = true;
        return true;
    }

    private static string SecondsToNextMinute() => (60 - DateTimeOffset.UtcNow.Second).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
