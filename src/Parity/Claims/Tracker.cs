namespace Parity.Claims;

/// <summary>A live-tracker headline of the seeds: its text, the seed's own label ("confidence 80 %") and its lines, each a claim.</summary>
/// <param name="Id">The tracker's id (claims name it in <c>tracker:</c>).</param>
/// <param name="Headline">The headline as the seed wrote it.</param>
/// <param name="Label">The seed's label, e.g. "confidence 80 %".</param>
/// <param name="Said">Where the headline comes from.</param>
public sealed record Tracker(string Id, string Headline, string? Label, string? Said);
