namespace Parity.Evals;

/// <summary>One model's line in an evaluation report.</summary>
public sealed record ModelResultSummary
{
    public required string Model { get; init; }

    /// <summary>Items with at least one answer.</summary>
    public int Items { get; init; }

    /// <summary>Calls that failed for good (not scored).</summary>
    public int Errors { get; init; }

    /// <summary>Sum over items of the mean score of their samples.</summary>
    public double Correct { get; init; }

    public double Accuracy { get; init; }

    /// <summary>95% Wilson interval for the accuracy.</summary>
    public double AccuracyLow { get; init; }

    public double AccuracyHigh { get; init; }

    /// <summary>pass@k (k = 1, 5, 10 where samples allow) for code suites; empty otherwise.</summary>
    public IReadOnlyDictionary<string, double> PassAtK { get; init; } = new Dictionary<string, double>();

    /// <summary>Known cost of all answered calls, US dollars; null when no call has a known cost.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Answered calls whose cost is unknown; when non-zero the cost figures cover only the others.</summary>
    public int UnknownCostCalls { get; init; }

    public decimal? CostPerItem { get; init; }

    public decimal? CostPer1000Items { get; init; }

    /// <summary>Correct answers per US dollar.</summary>
    public double? CorrectPerDollar { get; init; }

    public double? MeanPromptTokens { get; init; }

    public double? MeanCompletionTokens { get; init; }

    public long? TotalTokens { get; init; }

    public double? LatencyP50Ms { get; init; }

    public double? LatencyP90Ms { get; init; }

    public double? LatencyP99Ms { get; init; }
}
