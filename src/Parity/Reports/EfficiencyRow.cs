namespace Parity.Reports;

/// <summary>One open model with a published architecture and a rating.</summary>
public sealed record EfficiencyRow(ReportModel Model, string Kind, double? TotalParamsB, double? ActiveParamsB, string Source);
