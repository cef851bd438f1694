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

    /// <summary>
    /// When a rule applies, in words and in the context of the other rules: an unconditional rule that
    /// other rules override reads "before 2025-06-10" or "outside the daily windows" rather than "always".
    /// </summary>
    public string Describe(PriceRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!rule.IsUnconditional || Rules.Count == 1)
        {
            return rule.Describe();
        }

        var parts = new List<string>();
        var firstStart = Rules.Where(r => r.StartDate is not null && r.WindowStart is null).Select(r => r.StartDate!.Value).DefaultIfEmpty().Min();
        if (firstStart != default)
        {
            parts.Add($"before {firstStart:yyyy-MM-dd}");
        }

        if (HasTimeWindows)
        {
            parts.Add("outside the daily windows");
        }

        return parts.Count == 0 ? rule.Describe() : string.Join(", ", parts);
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

        // The rule in force can only change at a window's start or end, so each stretch between two
        // such times is priced once and weighted by its length.
        var midnight = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        var boundaries = new SortedSet<TimeSpan> { TimeSpan.Zero };
        foreach (var rule in Rules)
        {
            if (rule.WindowStart is { } start && rule.WindowEnd is { } end)
            {
                boundaries.Add(start.ToTimeSpan());
                boundaries.Add(end.ToTimeSpan());
            }
        }

        var points = boundaries.ToList();
        points.Add(TimeSpan.FromDays(1));
        var coverage = new Dictionary<PriceRule, TimeSpan>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < points.Count - 1; i++)
        {
            var rule = RuleAt(midnight + points[i]);
            coverage[rule] = coverage.GetValueOrDefault(rule) + (points[i + 1] - points[i]);
        }

        return coverage.OrderByDescending(kv => kv.Value).ThenBy(kv => IndexOf(kv.Key)).First().Key;
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
