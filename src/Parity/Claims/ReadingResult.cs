namespace Parity.Claims;

/// <summary>The result of one reading of a claim: its own P(true), verdict and evidence.</summary>
/// <param name="Name">The reading's name, e.g. "every variant" or "capability on GPQA, AIME … score ratios".</param>
/// <param name="Type">The test type, e.g. <c>rating-at-least</c>.</param>
/// <param name="Role"><c>reading</c> (counts in the claim's verdict) or <c>context</c> (shown, not counted).</param>
/// <param name="Verdict">Holds, fails, uncertain or no data.</param>
/// <param name="PTrue">P(reading true) under the data's uncertainty; null without data.</param>
/// <param name="Summary">One sentence: what the data show for this reading.</param>
/// <param name="Method">How P(true) was computed.</param>
/// <param name="Evidence">The facts used, each with source and date.</param>
/// <param name="WouldDecide">Without data: what data would decide it.</param>
/// <param name="Note">The claims file's note on the reading (why this tolerance or measure).</param>
public sealed record ReadingResult(
    string Name,
    string Type,
    string Role,
    ReadingVerdict Verdict,
    double? PTrue,
    string Summary,
    string Method,
    IReadOnlyList<ClaimEvidence> Evidence,
    string? WouldDecide = null,
    string? Note = null)
{
    /// <summary>A result decided by a probability.</summary>
    internal static ReadingResult FromProbability(ClaimTest test, double probability, string summary, string method, IReadOnlyList<ClaimEvidence> evidence) =>
        new(test.Reading, test.Type, test.Role, ClaimRule.ReadingVerdictOf(probability), probability, summary, method, evidence, null, test.Note);

    /// <summary>A result without data.</summary>
    internal static ReadingResult NoData(ClaimTest test, string summary, string wouldDecide, IReadOnlyList<ClaimEvidence>? evidence = null) =>
        new(test.Reading, test.Type, test.Role, ReadingVerdict.NoData, null, summary, "no data", evidence ?? [], wouldDecide, test.Note);
}
