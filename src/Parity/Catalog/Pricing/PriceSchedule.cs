namespace Parity.Catalog.Pricing;

/// <summary>
/// The price rules of one model at one provider, in the order of the source. The rule in force at a
/// moment is the last one whose condition holds; when none holds, the first (genai-prices' semantics,
/// which LiteLLM and OpenRouter's single flat prices fit as one unconditional rule).
/// </summary>
/// <param name="Rules">At least one rule.</param>
/// <param name="Comment">The source's remark on how well it can express the provider's pricing, if any.</param>
public sealed record PriceSchedule(IReadOnlyList<PriceRule> Rules, string? Comment = null)
{
    /// <summary>A schedule with one unconditional rule.</summary>
    public static PriceSchedule Flat(PriceSet prices) => new([new PriceRule(prices)]);

    /// <summary>The rule in force at <paramref name="at"/>.</summary>
    public PriceRule RuleAt(DateTimeOffset at)
    {
        if (Rules.Count == 0)
        {
            throw new InvalidOperationException("A price schedule needs at least one rule.");
        }

        for (var i = Rules.Count - 1; i >= 0; i--)
        {
            if (Rules[i].AppliesAt(at))
            {
                return Rules[i];
            }
        }

        return Rules[0];
    }

    /// <summary>True when some rule depends on the time of day.</summary>
    public bool HasTimeWindows => Rules.Any(r => r.WindowStart is not null);

    /// <summary>
    /// The prices that apply for most of the day on the date of <paramref name="at"/>: the list price
    /// to compare models by. Without time windows this is simply the rule in force at that moment.
    /// </summary>
    public PriceRule StandardRuleOn(DateTimeOffset at)
    {
        if (!HasTimeWindows)
        {
            return RuleAt(at);
        }

        var midnight = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        var minutes = new Dictionary<PriceRule, int>(ReferenceEqualityComparer.Instance);
        for (var m = 0; m < 24 * 60; m++)
        {
            var rule = RuleAt(midnight.AddMinutes(m));
            minutes[rule] = minutes.GetValueOrDefault(rule) + 1;
        }

        return minutes.OrderByDescending(kv => kv.Value).ThenBy(kv => IndexOf(kv.Key)).First().Key;
    }

    private int IndexOf(PriceRule rule)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            if (ReferenceEquals(Rules[i], rule))
            {
                return i;
            }
        }

        return -1;
    }
}
