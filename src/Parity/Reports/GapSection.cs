using Parity.Analysis;

namespace Parity.Reports;

/// <summary>A gap series with its trend over the whole series and over the last twelve months.</summary>
public sealed record GapSection(
    string FirstGroup,
    string SecondGroup,
    IReadOnlyList<GapRow> Points,
    IReadOnlyList<GapSeriesHole> Holes,
    TrendEstimate? Trend,
    TrendEstimate? TrendLast12Months);
