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

    /// <summary>One sentence: is the cheaper model significantly worse here, and what would switching save.</summary>
    public string Verdict
    {
        get
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            var gap = Math.Abs(Difference * 100).ToString("0.0", inv);
            var ci = $"95% CI {(DifferenceLow * 100).ToString("+0.0;-0.0;0.0", inv)} to {(DifferenceHigh * 100).ToString("+0.0;-0.0;0.0", inv)} pt";
            var p = PValue < 0.0001 ? "p < 0.0001" : "p = " + PValue.ToString("0.0000", inv);
            if (Cheaper is null || SavingPer1000 is not { } saving)
            {
                var better = Difference > 0 ? ModelA : ModelB;
                var (lo, hi) = Difference > 0 ? (DifferenceLow, DifferenceHigh) : (-DifferenceHigh, -DifferenceLow);
                ci = $"95% CI {(lo * 100).ToString("+0.0;-0.0;0.0", inv)} to {(hi * 100).ToString("+0.0;-0.0;0.0", inv)} pt";
                return Difference == 0
                    ? $"{ModelA} and {ModelB} are equally accurate on {Items} items ({p}); costs unknown, so no saving can be stated."
                    : $"{better} is {gap} pt more accurate ({ci}, {p}{(Significant ? ", significant" : ", not significant")}); costs unknown, so no saving can be stated.";
            }

            var dearer = Cheaper == ModelA ? ModelB : ModelA;
            var cheaperGain = Cheaper == ModelA ? Difference : -Difference;
            var (low, high) = Cheaper == ModelA ? (DifferenceLow, DifferenceHigh) : (-DifferenceHigh, -DifferenceLow);
            ci = $"95% CI {(low * 100).ToString("+0.0;-0.0;0.0", inv)} to {(high * 100).ToString("+0.0;-0.0;0.0", inv)} pt";
            var share = SavingFraction is { } f ? $" ({(f * 100).ToString("0", inv)}%)" : string.Empty;
            var quality = cheaperGain >= 0
                ? $"is not less accurate ({(cheaperGain * 100).ToString("+0.0", inv)} pt, {ci}, {p})"
                : Significant
                    ? $"is significantly less accurate (−{gap} pt, {ci}, {p})"
                    : $"is {gap} pt less accurate, not significantly ({ci}, {p})";
            return $"Switching from {dearer} to {Cheaper} saves ${saving.ToString(saving >= 1 ? "0.00" : "0.0000", inv)} per 1,000 items{share}; {Cheaper} {quality}.";
        }
    }
}
