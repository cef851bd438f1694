namespace Parity.Claims;

/// <summary>The outcome of <see cref="ClaimRule.Combine"/>.</summary>
/// <param name="Verdict">The claim's verdict.</param>
/// <param name="PTrue">Mean P(true) over the counted readings with data; null without data.</param>
/// <param name="Confidence">The confidence in the verdict; null when undecided.</param>
/// <param name="DecidedBy">The reading the rule names as deciding it.</param>
/// <param name="Why">One line: the tally and the deciding reading.</param>
public sealed record ClaimDecision(ClaimVerdict Verdict, double? PTrue, double? Confidence, string? DecidedBy, string Why);
