namespace Parity.Reports;

/// <summary>The newest snapshot's standings.</summary>
public sealed record StandingSection(SnapshotRef Snapshot, HeadToHead? UsChina, HeadToHead? ClosedOpen, IReadOnlyList<ReportModel> Top);
