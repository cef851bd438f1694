namespace Parity.Costs;

/// <summary>The figures a provider published for a scenario, to compare the model's with.</summary>
public sealed class PublishedFigures
{
    /// <summary>Cost per day, USD.</summary>
    public decimal? CostPerDayUsd { get; set; }

    /// <summary>Theoretical revenue per day, USD.</summary>
    public decimal? RevenuePerDayUsd { get; set; }

    /// <summary>Cost-profit margin as a ratio (5.45 = 545 %).</summary>
    public decimal? CostProfitMargin { get; set; }

    /// <summary>Prefill throughput per node, cache hits included.</summary>
    public double? PrefillTokensPerSecondPerNode { get; set; }

    /// <summary>Decode throughput per node.</summary>
    public double? DecodeTokensPerSecondPerNode { get; set; }

    /// <summary>Per-sequence output speed, low and high.</summary>
    public List<double>? OutputSpeedTokensPerSecond { get; set; }
}
