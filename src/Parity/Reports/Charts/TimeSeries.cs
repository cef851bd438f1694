namespace Parity.Reports.Charts;

/// <summary>One line of a time-series chart, with an optional band.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="Color">Stroke colour.</param>
/// <param name="Points">Date, value and the band's ends (null = no band at that point).</param>
/// <param name="Dashed">Drawn dashed (for a secondary series).</param>
internal sealed record TimeSeries(string Label, string Color, IReadOnlyList<(DateOnly Date, double Value, double? Lower, double? Upper)> Points, bool Dashed = false);
