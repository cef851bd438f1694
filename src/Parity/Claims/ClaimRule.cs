using System.Globalization;

namespace Parity.Claims;

/// <summary>How a reading's P(true) becomes its verdict, and how a claim's readings combine into the claim's verdict and confidence.</summary>
public static class ClaimRule
{
    /// <summary>A reading with P(true) at or above this holds.</summary>
    public const double Holds = 0.9;

    /// <summary>A reading with P(true) at or below this fails.</summary>
    public const double Fails = 0.1;

    /// <summary>How P(true) is computed, per kind of data.</summary>
    public const string MethodText =
        "Each reading gets P(true), the probability that it holds given the uncertainty in the data: ratings are normal with the standard error implied by " +
        "their published 95% interval (half-width / 1.96); ranks by Monte Carlo over those normals (4,000 draws); trends by a bootstrap over monthly snapshots; " +
        "prices by the share of (model pair × price source) combinations that satisfy the reading, so sources that disagree lower the figure; benchmark ratios by a " +
        "bootstrap over the benchmarks; published point figures (investment, token share, compute share) are 1 or 0 against the stated tolerance.";

    /// <summary>The rule, as printed by <c>--help</c>, in the report's method text and in the JSON.</summary>
    public const string RuleText =
        "A reading holds when P(true) ≥ 0.9, fails when P(true) ≤ 0.1, is uncertain in between, and has no data when Parity lacks it on the as-of date. " +
        "Only readings with role 'reading' count ('context' readings, e.g. another measure of the same figure, are shown beside them). Over the counted readings with data: " +
        "all hold → confirmed (confidence = the lowest P(true), the reading that decides it is the weakest); all fail → refuted (confidence = 1 − the highest P(true), " +
        "decided by the most favourable reading); more hold than fail → mostly true (confidence = mean P(true), decided by the weakest reading); more fail than hold → " +
        "mostly false (confidence = 1 − mean P(true), decided by the most favourable reading); as many hold as fail → mixed (confidence = mean over readings of " +
        "max(P, 1 − P), i.e. how firmly the readings split); none decided, or none with data → undecided (no confidence). A claim refuted or mostly false on the " +
        "as-of date that was confirmed or mostly true earlier in its data's history (prices, evidence series) is outdated, with the dates it held.";

    /// <summary>The verdict of one reading.</summary>
    public static ReadingVerdict ReadingVerdictOf(double probability) =>
        probability >= Holds ? ReadingVerdict.Holds : probability <= Fails ? ReadingVerdict.Fails : ReadingVerdict.Uncertain;

    /// <summary>Combines readings into the claim's verdict (before the outdated check).</summary>
    public static ClaimDecision Combine(IReadOnlyList<ReadingResult> readings)
    {
        var counted = readings.Where(r => r.Role != "context" && r.PTrue is not null).ToList();
        var missing = readings.Where(r => r.Role != "context" && r.PTrue is null).Select(r => r.Name).ToList();
        var lacking = missing.Count == 0 ? "" : $"; no data for {string.Join(", ", missing.Select(m => $"'{m}'"))}";
        if (counted.Count == 0)
        {
            return new ClaimDecision(ClaimVerdict.Undecided, null, null, null, "no reading has data" + (missing.Count > 0 ? $" ({string.Join(", ", missing.Select(m => $"'{m}'"))})" : ""));
        }

        var holds = counted.Count(r => r.Verdict == ReadingVerdict.Holds);
        var fails = counted.Count(r => r.Verdict == ReadingVerdict.Fails);
        var mean = counted.Average(r => r.PTrue!.Value);
        var weakest = counted.MinBy(r => r.PTrue!.Value)!;
        var strongest = counted.MaxBy(r => r.PTrue!.Value)!;
        var tally = $"{holds} of {counted.Count} reading{(counted.Count == 1 ? "" : "s")} hold, {fails} fail{lacking}";
        if (holds == counted.Count)
        {
            return new ClaimDecision(ClaimVerdict.Confirmed, mean, weakest.PTrue, weakest.Name, $"{tally}; even the weakest, '{weakest.Name}', holds (P = {P(weakest.PTrue!.Value)})");
        }

        if (fails == counted.Count)
        {
            return new ClaimDecision(ClaimVerdict.Refuted, mean, 1 - strongest.PTrue!.Value, strongest.Name, $"{tally}; even the most favourable, '{strongest.Name}', fails (P = {P(strongest.PTrue!.Value)})");
        }

        if (holds == 0 && fails == 0)
        {
            return new ClaimDecision(ClaimVerdict.Undecided, mean, null, weakest.Name, $"no reading is decided at the 90 % level{lacking} (P(true) {P(weakest.PTrue!.Value)}–{P(strongest.PTrue!.Value)})");
        }

        if (holds > fails)
        {
            return new ClaimDecision(ClaimVerdict.MostlyTrue, mean, mean, weakest.Name, $"{tally}; '{weakest.Name}' does not hold (P = {P(weakest.PTrue!.Value)})");
        }

        if (fails > holds)
        {
            return new ClaimDecision(ClaimVerdict.MostlyFalse, mean, 1 - mean, strongest.Name, $"{tally}; only '{strongest.Name}' {(strongest.Verdict == ReadingVerdict.Holds ? "holds" : "is not refuted")} (P = {P(strongest.PTrue!.Value)})");
        }

        var firmness = counted.Average(r => Math.Max(r.PTrue!.Value, 1 - r.PTrue!.Value));
        return new ClaimDecision(ClaimVerdict.Mixed, mean, firmness, weakest.Name, $"{tally}: holds on '{strongest.Name}' (P = {P(strongest.PTrue!.Value)}), fails on '{weakest.Name}' (P = {P(weakest.PTrue!.Value)})");
    }

    /// <summary>"true", "false", "mixed" or "undecided": the word a time line uses for a verdict.</summary>
    public static string TimelineWord(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Confirmed => "true",
        ClaimVerdict.MostlyTrue => "mostly true",
        ClaimVerdict.Refuted or ClaimVerdict.Outdated => "false",
        ClaimVerdict.MostlyFalse => "mostly false",
        ClaimVerdict.Mixed => "mixed",
        _ => "undecided",
    };

    /// <summary>The verdict as text, as the JSON spells it.</summary>
    public static string Text(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.MostlyTrue => "mostly true",
        ClaimVerdict.MostlyFalse => "mostly false",
        _ => verdict.ToString().ToLowerInvariant(),
    };

    internal static bool IsTrue(ClaimVerdict v) => v is ClaimVerdict.Confirmed or ClaimVerdict.MostlyTrue;

    internal static bool IsFalse(ClaimVerdict v) => v is ClaimVerdict.Refuted or ClaimVerdict.MostlyFalse or ClaimVerdict.Outdated;

    private static string P(double p) => p.ToString("P1", CultureInfo.InvariantCulture);
}
