namespace Parity.Catalog.Pricing;

/// <summary>
/// Prices with the condition under which they apply: always, from a start date (a price change),
/// or inside a daily UTC window (peak/off-peak pricing such as DeepSeek's).
/// </summary>
/// <param name="Prices">The prices.</param>
/// <param name="StartDate">The rule applies from 00:00 UTC on this date.</param>
/// <param name="WindowStart">Start of the daily UTC window, inclusive.</param>
/// <param name="WindowEnd">End of the daily UTC window, exclusive. A window may wrap midnight (end before start).</param>
public sealed record PriceRule(PriceSet Prices, DateOnly? StartDate = null, TimeOnly? WindowStart = null, TimeOnly? WindowEnd = null)
{
    /// <summary>True for a rule without a condition.</summary>
    public bool IsUnconditional => StartDate is null && WindowStart is null;

    /// <summary>True when the rule's condition holds at <paramref name="at"/>.</summary>
    public bool AppliesAt(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        if (StartDate is { } start && DateOnly.FromDateTime(utc) < start)
        {
            return false;
        }

        if (WindowStart is { } from && WindowEnd is { } to)
        {
            var time = TimeOnly.FromDateTime(utc);
            return from <= to
                ? time >= from && time < to
                : time >= from || time < to;
        }

        return true;
    }

    /// <summary>The condition in words, e.g. "from 2026-08-17" or "00:30–16:30 UTC daily".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (StartDate is { } start)
        {
            parts.Add($"from {start:yyyy-MM-dd}");
        }

        if (WindowStart is { } from && WindowEnd is { } to)
        {
            parts.Add($"{from:HH\\:mm}–{to:HH\\:mm} UTC daily");
        }

        return parts.Count == 0 ? "always" : string.Join(", ", parts);
    }
}
