using System.Text.Json.Serialization;

namespace Parity.Claims;

/// <summary>The verdict on one claim, the readings it combines and, where its data change over time, its time line.</summary>
/// <param name="Id">The claim's id in its file.</param>
/// <param name="Type">The claim's type.</param>
/// <param name="Sentence">The sentence the claim comes from.</param>
/// <param name="Said">Who said it and when.</param>
/// <param name="Verdict">Confirmed, mostly true, mixed, mostly false, refuted, outdated or undecided.</param>
/// <param name="Confidence">The confidence in the verdict (<see cref="ClaimRule.RuleText"/>); null only when undecided.</param>
/// <param name="PTrue">Mean P(true) over the counted readings with data.</param>
/// <param name="DecidedBy">The reading that decided it.</param>
/// <param name="Why">One line: the tally and the deciding reading.</param>
/// <param name="Summary">What the deciding reading's data show (and what the data cover).</param>
/// <param name="Readings">Every reading with its own P(true), verdict and evidence.</param>
/// <param name="Timeline">The verdict over time (volatile claims and <c>claims history</c>); empty otherwise.</param>
/// <param name="TimelineText">The time line in words: "true from 2025-02-08 16:00 to 2025-09-05 16:00, false since".</param>
/// <param name="WouldDecide">For an undecided claim: what data would decide it.</param>
/// <param name="Tracker">The tracker headline id it is a line of.</param>
/// <param name="SeedLabel">The seed's own label.</param>
/// <param name="SeedAgrees">Whether Parity's verdict agrees with the seed's label; null without a label.</param>
/// <param name="Coverage">What the data cover.</param>
public sealed record ClaimResult(
    string Id,
    string Type,
    string Sentence,
    string? Said,
    ClaimVerdict Verdict,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Confidence,
    double? PTrue,
    string? DecidedBy,
    string Why,
    string Summary,
    IReadOnlyList<ReadingResult> Readings,
    IReadOnlyList<ClaimPeriod> Timeline,
    string? TimelineText,
    string? WouldDecide,
    string? Tracker,
    string? SeedLabel,
    bool? SeedAgrees,
    string? Coverage)
{
    /// <summary>The verdict in words.</summary>
    public string VerdictText => ClaimRule.Text(Verdict);

    /// <summary>The one line a reader takes in at a glance: verdict, confidence, deciding reading and why.</summary>
    public string Headline => $"{VerdictText}{(Confidence is { } c ? $" ({c.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)})" : "")} — {Why}";

    /// <summary>The evidence of every reading (for callers that list it flat).</summary>
    [JsonIgnore]
    public IEnumerable<ClaimEvidence> Evidence => Readings.SelectMany(r => r.Evidence);
}
