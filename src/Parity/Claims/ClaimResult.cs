namespace Parity.Claims;

/// <summary>The verdict on one claim and what it rests on.</summary>
/// <param name="Id">The claim's id in its file.</param>
/// <param name="Type">The claim type, e.g. <c>rating-range</c>.</param>
/// <param name="Sentence">The sentence the claim comes from.</param>
/// <param name="Said">Who said it and when, as the claims file records it.</param>
/// <param name="Verdict">Confirmed, refuted or unconfirmed.</param>
/// <param name="Probability">P(claim true) under the data's uncertainty; null when Parity has no data on it.</param>
/// <param name="Confidence">The probability that the verdict is right; null for unconfirmed.</param>
/// <param name="Summary">One sentence: what the data show.</param>
/// <param name="Method">How the probability was computed for this claim.</param>
/// <param name="Evidence">The facts used, each with source and date.</param>
/// <param name="WouldDecide">For a claim without data: what data would decide it.</param>
public sealed record ClaimResult(
    string Id,
    string Type,
    string Sentence,
    string? Said,
    ClaimVerdict Verdict,
    double? Probability,
    double? Confidence,
    string Summary,
    string Method,
    IReadOnlyList<ClaimEvidence> Evidence,
    string? WouldDecide = null)
{
    /// <summary>A result decided by a probability.</summary>
    internal static ClaimResult FromProbability(Claim claim, double probability, string summary, string method, IReadOnlyList<ClaimEvidence> evidence)
    {
        var verdict = ClaimThresholds.VerdictOf(probability);
        double? confidence = verdict switch
        {
            ClaimVerdict.Confirmed => probability,
            ClaimVerdict.Refuted => 1 - probability,
            _ => null,
        };
        return new ClaimResult(claim.Id, claim.Type, claim.Sentence, claim.Said, verdict, probability, confidence, summary, method, evidence);
    }
}
