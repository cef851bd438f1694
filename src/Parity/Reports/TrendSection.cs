using Parity.Analysis;

namespace Parity.Reports;

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
