namespace Parity.Reports;

/// <summary>Value for money on the newest snapshot.</summary>
public sealed record ValueSection(
    string Blend,
    int RatedModels,
    int PricedModels,
    IReadOnlyList<ReportModel> Priced,
    IReadOnlyList<ReportModel> Frontier,
    double Within,
    ReportModel? Best,
    ReportModel? CheapestWithin,
    IReadOnlyList<PriceRatio> FlagshipRatios,
    IReadOnlyList<string> Unpriced);
