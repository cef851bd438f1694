namespace Parity.Evals;

/// <summary>
/// Two models on the same items: how often each was right where the other was wrong, McNemar's
/// test on those discordant items, and what switching from the dearer to the cheaper would save.
/// </summary>
public sealed record PairedComparison
{
    public required string ModelA { get; init; }

    public required string ModelB { get; init; }

    /// <summary>Items both models answered.</summary>
    public int Items { get; init; }

    public int BothRight { get; init; }

    /// <summary>Items only A got right.</summary>
    public int OnlyA { get; init; }

    /// <summary>Items only B got right.</summary>
    public int OnlyB { get; init; }

    public int BothWrong { get; init; }

    public double AccuracyA { get; init; }

    public double AccuracyB { get; init; }

    /// <summary>Accuracy of A minus accuracy of B on the shared items.</summary>
    public double Difference { get; init; }

    /// <summary>95% interval for the paired difference (Wald, on the discordant counts).</summary>
    public double DifferenceLow { get; init; }

    public double DifferenceHigh { get; init; }

    /// <summary>Two-sided exact McNemar p-value.</summary>
    public double PValue { get; init; }

    /// <summary>McNemar mid-p value.</summary>
    public double MidPValue { get; init; }

    /// <summary>Known cost per 1,000 of the shared items for A and B; null when unknown.</summary>
    public decimal? CostPer1000A { get; init; }

    public decimal? CostPer1000B { get; init; }

    /// <summary>The cheaper model, when both costs are known.</summary>
    public string? Cheaper { get; init; }

    /// <summary>Dollars saved per 1,000 items by switching from the dearer to the cheaper model.</summary>
    public decimal? SavingPer1000 { get; init; }

    /// <summary>The saving as a fraction of the dearer model's cost.</summary>
    public double? SavingFraction { get; init; }

    /// <summary>True when p &lt; 0.05.</summary>
    public bool Significant => PValue < 0.05;
}
