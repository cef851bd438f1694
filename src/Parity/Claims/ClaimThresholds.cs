namespace Parity.Claims;

/// <summary>Where a claim's probability turns into a verdict, and how that is explained.</summary>
public static class ClaimThresholds
{
    /// <summary>P(claim true) at or above this confirms it.</summary>
    public const double Confirm = 0.9;

    /// <summary>P(claim true) at or below this refutes it.</summary>
    public const double Refute = 0.1;

    /// <summary>The method, as printed by <c>--help</c> and in the report.</summary>
    public const string MethodText =
        "Each claim gets P(true), the probability that it holds given the uncertainty in the data: ratings are normal with the standard error implied by " +
        "their published 95% interval (half-width / 1.96); ranks by Monte Carlo over those normals (4,000 draws); trends by a bootstrap over monthly snapshots; " +
        "prices by the share of (model pair × price source) combinations that satisfy the claim, so sources that disagree lower the figure. " +
        "Verdict: confirmed when P(true) ≥ 0.9, refuted when P(true) ≤ 0.1, unconfirmed otherwise or when Parity has no data on the subject. " +
        "Confidence is the probability that the verdict is right: P(true) for confirmed, 1 − P(true) for refuted; an unconfirmed claim has none.";

    /// <summary>The verdict for a probability.</summary>
    public static ClaimVerdict VerdictOf(double probability) =>
        probability >= Confirm ? ClaimVerdict.Confirmed : probability <= Refute ? ClaimVerdict.Refuted : ClaimVerdict.Unconfirmed;
}
