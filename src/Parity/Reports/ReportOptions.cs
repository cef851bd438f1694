namespace Parity.Reports;

/// <summary>What the user asked of the report.</summary>
/// <param name="Board"><c>text</c> (raw) or <c>text-style-control</c>.</param>
/// <param name="AsOf">Ignore snapshots after this date; null for the newest.</param>
/// <param name="Within">"Cheapest model within N points of the best".</param>
/// <param name="Top">Rows in the top table.</param>
public sealed record ReportOptions(string Board = "text", DateOnly? AsOf = null, double Within = 20, int Top = 15);
