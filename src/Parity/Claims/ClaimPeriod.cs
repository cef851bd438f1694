namespace Parity.Claims;

/// <summary>One stretch of a claim's time line: the verdict from one change in the data to the next.</summary>
/// <param name="From">When the stretch starts (UTC); null for "before the first data".</param>
/// <param name="To">When it ends (exclusive); null for "still".</param>
/// <param name="Verdict">The verdict over the stretch.</param>
/// <param name="PTrue">Mean P(true) at the start of the stretch.</param>
/// <param name="Change">What changed at <paramref name="From"/> (a price rule, a snapshot, a figure published).</param>
public sealed record ClaimPeriod(DateTimeOffset? From, DateTimeOffset? To, ClaimVerdict Verdict, double? PTrue, string? Change);
