namespace Parity.Reports;

/// <summary>A pair of flagships and their price ratio.</summary>
public sealed record PriceRatio(ReportModel Dearer, ReportModel Cheaper, double Ratio, double RatingGap);
