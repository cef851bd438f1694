using Parity.Analysis;
using Parity.Claims;

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

/// <summary>The snapshot a section reads: date, source file, board and method.</summary>
public sealed record SnapshotRef(DateOnly Date, string Source, string Board, string Method, int Models);

/// <summary>Best of one group against best of another on one snapshot.</summary>
public sealed record HeadToHead(string FirstGroup, string SecondGroup, ReportModel First, ReportModel Second, double Gap, double? Lower, double? Upper, double WinProbability);

/// <summary>One row of the gap series: the JSON shape scripts read.</summary>
public sealed record GapRow(
    DateOnly Date,
    string Source,
    string FirstModel,
    double FirstScore,
    string SecondModel,
    double SecondScore,
    double Gap,
    double? Lower,
    double? Upper,
    double WinProbability);

/// <summary>A gap series with its trend over the whole series and over the last twelve months.</summary>
public sealed record GapSection(
    string FirstGroup,
    string SecondGroup,
    IReadOnlyList<GapRow> Points,
    IReadOnlyList<GapSeriesHole> Holes,
    TrendEstimate? Trend,
    TrendEstimate? TrendLast12Months);

/// <summary>The "is the gap closing" section.</summary>
public sealed record TrendSection(
    string Board,
    IReadOnlyList<SnapshotSelection.Era> Eras,
    GapSection UsChina,
    GapSection ClosedOpen,
    FrontierLag? ChinaLag,
    FrontierLag? OpenLag,
    string TrendMethod,
    string LagMethod);

/// <summary>A pair of flagships and their price ratio.</summary>
public sealed record PriceRatio(ReportModel Dearer, ReportModel Cheaper, double Ratio, double RatingGap);

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

/// <summary>One open model with a published architecture and a rating.</summary>
public sealed record EfficiencyRow(ReportModel Model, string Kind, double? TotalParamsB, double? ActiveParamsB, string Source);

/// <summary>Training compute and cost for one model.</summary>
public sealed record TrainingRow(string Model, string? Country, TrainingFact Fact);

/// <summary>MoE vs dense and training cost.</summary>
public sealed record EfficiencySection(
    IReadOnlyList<EfficiencyRow> OpenModels,
    EfficiencyRow? BestMoe,
    EfficiencyRow? BestDense,
    IReadOnlyList<EfficiencyRow> ActiveParamsFrontier,
    IReadOnlyList<TrainingRow> Training);

/// <summary>The newest snapshot's standings.</summary>
public sealed record StandingSection(SnapshotRef Snapshot, HeadToHead? UsChina, HeadToHead? ClosedOpen, IReadOnlyList<ReportModel> Top);

/// <summary>The whole head-to-head report: what <c>report.json</c> holds.</summary>
public sealed record HeadToHeadReport(
    string Board,
    DateOnly AsOf,
    StandingSection Standing,
    TrendSection Gap,
    ValueSection Value,
    EfficiencySection Efficiency,
    string ClaimsFile,
    IReadOnlyList<ClaimResult> Claims,
    string ClaimMethod,
    IReadOnlyList<string> Charts,
    IReadOnlyList<string> Sources);
