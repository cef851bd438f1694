namespace Parity.Reports;

/// <summary>The snapshot a section reads: date, source file, board and method.</summary>
public sealed record SnapshotRef(DateOnly Date, string Source, string Board, string Method, int Models);
