namespace Parity.Reports.Charts;

/// <summary>One point of a scatter chart.</summary>
/// <param name="X">Horizontal value (e.g. blended price).</param>
/// <param name="Y">Vertical value (e.g. rating).</param>
/// <param name="Group">Legend group; picks the colour (US, China, other).</param>
/// <param name="Label">Text beside the point when it is labelled.</param>
/// <param name="Labelled">Whether to print the label (frontier and flagship points).</param>
internal sealed record ScatterPoint(double X, double Y, string Group, string Label, bool Labelled);
