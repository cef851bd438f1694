namespace Parity.Reports;

/// <summary>Best of one group against best of another on one snapshot.</summary>
public sealed record HeadToHead(string FirstGroup, string SecondGroup, ReportModel First, ReportModel Second, double Gap, double? Lower, double? Upper, double WinProbability);
