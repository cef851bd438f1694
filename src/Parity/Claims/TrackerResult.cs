namespace Parity.Claims;

/// <summary>A tracker headline checked: Parity's verdict over its lines next to the seed's own label.</summary>
/// <param name="Id">Tracker id.</param>
/// <param name="Headline">The headline.</param>
/// <param name="SeedLabel">The seed's label ("confidence 80 %").</param>
/// <param name="SeedConfidence">The seed's confidence as a number, when the label gives one.</param>
/// <param name="Verdict">Parity's verdict, combining the decided lines by <see cref="ClaimRule"/>.</param>
/// <param name="Confidence">Parity's confidence in it.</param>
/// <param name="PTrue">Mean P(true) over the decided lines.</param>
/// <param name="Why">The tally of the lines.</param>
/// <param name="Confirmed">The ids of the lines the seed lists as confirmed.</param>
/// <param name="Unconfirmed">The ids of the lines the seed lists as still unconfirmed.</param>
/// <param name="Disagreements">Lines where Parity's verdict disagrees with the seed's label, in words.</param>
public sealed record TrackerResult(
    string Id,
    string Headline,
    string? SeedLabel,
    double? SeedConfidence,
    ClaimVerdict Verdict,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] double? Confidence,
    double? PTrue,
    string Why,
    IReadOnlyList<string> Confirmed,
    IReadOnlyList<string> Unconfirmed,
    IReadOnlyList<string> Disagreements);
