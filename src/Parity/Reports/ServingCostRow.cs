namespace Parity.Reports;

/// <summary>An open-weights model on the board: its maker's (or primary provider's) list price against the cost model's serving-cost range.</summary>
/// <param name="Model">The board model (its best-rated entry).</param>
/// <param name="Margin">The cost model's row for that provider's price.</param>
public sealed record ServingCostRow(ReportModel Model, Parity.Costs.MarginRow Margin);
