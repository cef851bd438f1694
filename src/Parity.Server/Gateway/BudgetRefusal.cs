using System.Globalization;
using Parity.Gateway;

namespace Parity.Server.Gateway;

/// <summary>What a 402 says: whether the key has used its budget, or this request's reservation does not fit what is left.</summary>
internal static class BudgetRefusal
{
    public static string Message(VirtualKey key, decimal reservation, decimal spent, decimal reserved, long inputTokens, long outputTokens)
    {
        var budget = key.BudgetUsd ?? 0;
        var period = key.Period switch
        {
            BudgetPeriod.Day => "today",
            BudgetPeriod.Total => "in total",
            _ => "this " + key.Period.ToString().ToLowerInvariant(),
        };
        var remaining = Math.Max(0, budget - spent - reserved);
        if (spent >= budget)
        {
            return $"The key '{key.Name}' has used its budget of ${Usd(budget)} {period} (${Usd(spent)} spent).";
        }

        var inFlight = reserved > 0 ? $", ${Usd(reserved)} reserved by requests in flight" : "";
        return $"This request's reservation of ${Usd(reservation)} (its worst case: about {inputTokens} input and {outputTokens} output tokens at the dearest model it may go to) " +
            $"does not fit the remaining ${Usd(remaining)} of the key '{key.Name}''s budget of ${Usd(budget)} {period} (${Usd(spent)} spent{inFlight}). " +
            "Ask for fewer tokens with max_tokens, or raise the budget.";
    }

    /// <summary>Dollars to the millionth (what a few tokens cost), without trailing zeros.</summary>
    private static string Usd(decimal amount) => Math.Round(amount, 6).ToString("0.######", CultureInfo.InvariantCulture);
}
