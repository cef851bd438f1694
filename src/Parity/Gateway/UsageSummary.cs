namespace Parity.Gateway;

/// <summary>The ledger summed over a period, grouped one way, with the share going to Chinese open-weight models.</summary>
public sealed record UsageSummary(
    string By,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyList<UsageRow> Rows,
    long Requests,
    long Errors,
    long InputTokens,
    long OutputTokens,
    long CachedTokens,
    decimal CostUsd,
    double ChineseOpenWeightTokenShare,
    decimal ChineseOpenWeightCostUsd,
    FlagshipComparison? Flagship);

/// <summary>What the same tokens would have cost on one flagship model.</summary>
/// <param name="Model">The flagship's name.</param>
/// <param name="Price">Its prices (with their source).</param>
/// <param name="CostUsd">The ledger's input, cached and output tokens priced at the flagship's prices.</param>
/// <param name="ActualCostUsd">What the traffic cost.</param>
public sealed record FlagshipComparison(string Model, ModelPrice Price, decimal CostUsd, decimal ActualCostUsd)
{
    /// <summary>How many times more the flagship would have cost (null when the traffic cost nothing).</summary>
    public double? Ratio => ActualCostUsd > 0 ? (double)(CostUsd / ActualCostUsd) : null;

    public decimal SavingsUsd => CostUsd - ActualCostUsd;
}
