using Parity.Claims;

namespace Parity.Reports;

/// <summary>The whole head-to-head report: what <c>report.json</c> holds.</summary>
public sealed record HeadToHeadReport(
    string Board,
    DateOnly AsOf,
    StandingSection Standing,
    TrendSection Gap,
    ValueSection Value,
    EfficiencySection Efficiency,
    string ClaimsFile,
    string ClaimsAsOf,
    IReadOnlyList<ClaimResult> Claims,
    IReadOnlyList<TrackerResult> Trackers,
    string ClaimRule,
    string ClaimMethod,
    IReadOnlyList<string> Charts,
    IReadOnlyList<string> Sources);
