namespace Parity.Routing;

/// <summary>What <c>parity route pareto</c> measured: the multi-model router's cost-quality curve against every single model and cheapest-meeting, held out.</summary>
internal sealed record ParetoResult
{
    public required string Source { get; init; }

    public required string Benchmark { get; init; }

    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>Items with a score and a cost for every model.</summary>
    public required int Items { get; init; }

    public required string Split { get; init; }

    public required int BootstrapRounds { get; init; }

    /// <summary>Where the costs come from.</summary>
    public required string CostBasis { get; init; }

    /// <summary>Every single model alone.</summary>
    public required IReadOnlyList<ParetoPoint> SingleModels { get; init; }

    /// <summary>The learned router at every λ, cheapest first, only the points no other router point beats on both cost and quality.</summary>
    public required IReadOnlyList<ParetoPoint> Router { get; init; }

    /// <summary><c>cheapest-meeting</c>: for each bar, the cheapest model whose accuracy on the training folds meets it.</summary>
    public required IReadOnlyList<ParetoPoint> CheapestMeeting { get; init; }

    /// <summary>The oracle: per item, the cheapest model with the best recorded score.</summary>
    public required ParetoPoint Oracle { get; init; }

    /// <summary>The router against each single model and each cheapest-meeting point.</summary>
    public required IReadOnlyList<ParetoComparison> Comparisons { get; init; }
}
