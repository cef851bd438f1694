namespace Parity.Claims;

/// <summary>One figure a <c>series-value</c> reading claims: the row filter, the claimed number and how it compares.</summary>
/// <param name="Where">Column = value pairs that pick the rows (e.g. country = US, year = 2024).</param>
/// <param name="Claimed">The claimed figure, in the series' unit.</param>
/// <param name="Op"><c>about</c> (within the tolerance), <c>at-least</c> or <c>at-most</c>.</param>
/// <param name="Tolerance">For <c>about</c>: the allowed absolute difference.</param>
public sealed record SeriesValue(IReadOnlyDictionary<string, string> Where, double Claimed, string Op, double Tolerance)
{
    /// <summary>True when a published figure satisfies the claim.</summary>
    public bool Satisfied(double value) => Op switch
    {
        "at-least" => value >= Claimed - Tolerance,
        "at-most" => value <= Claimed + Tolerance,
        _ => Math.Abs(value - Claimed) <= Tolerance + 1e-12,
    };

    /// <summary>The claim in words: "≈ 109 (± 0.5)".</summary>
    public string Text => Op switch
    {
        "at-least" => $"≥ {ClaimText.N(Claimed, "0.###")}" + (Tolerance > 0 ? $" (− {ClaimText.N(Tolerance, "0.###")})" : ""),
        "at-most" => $"≤ {ClaimText.N(Claimed, "0.###")}" + (Tolerance > 0 ? $" (+ {ClaimText.N(Tolerance, "0.###")})" : ""),
        _ => $"≈ {ClaimText.N(Claimed, "0.###")} (± {ClaimText.N(Tolerance, "0.###")})",
    };
}
