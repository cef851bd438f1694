namespace Parity.Reports;

/// <summary>A model as the report prints it: rating and interval, origin, openness, price.</summary>
public sealed record ReportModel(
    string Key,
    string Name,
    double Rating,
    double? Lower,
    double? Upper,
    string? Organization,
    string? Country,
    bool? OpenWeights,
    double? BlendedPrice,
    double? InputPrice,
    double? OutputPrice,
    string? PriceSource,
    string? PriceDate);
