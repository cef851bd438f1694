namespace Parity.Reports;

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
