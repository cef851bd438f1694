namespace Parity.Routing;

/// <summary>What <c>parity route eval</c> measured.</summary>
internal sealed record RouteEvalResult
{
    public required string Source { get; init; }

    /// <summary>The benchmark of the items (<c>gsm8k</c>, <c>mmlu</c>, …).</summary>
    public required string Benchmark { get; init; }

    public required string Strong { get; init; }

    public required string Weak { get; init; }

    public required string RouterKind { get; init; }

    /// <summary>"5-fold cross-validation by item" or "held-out 30% of items".</summary>
    public required string Split { get; init; }

    public required int Seed { get; init; }

    public required int BootstrapRounds { get; init; }

    /// <summary>Items with records of both models, after dropping contaminated ones.</summary>
    public required int Items { get; init; }

    /// <summary>Items the metrics are computed on (all of them for k-fold, the held-out share otherwise).</summary>
    public required int EvaluatedItems { get; init; }

    public required int DroppedContaminated { get; init; }

    public string? ContaminationList { get; init; }

    public required double StrongQuality { get; init; }

    public required double WeakQuality { get; init; }

    /// <summary>The learned router, the random router and the oracle.</summary>
    public required IReadOnlyList<RouterMetrics> Routers { get; init; }

    /// <summary>APGR of the learned router minus that of a random router on the same resample.</summary>
    public required MetricEstimate ApgrOverRandom { get; init; }

    public required IReadOnlyList<CurvePoint> Curve { get; init; }

    /// <summary>Figures a paper published for its routers on the same benchmark (RouteLLM), to read beside these; empty when none are shipped.</summary>
    public IReadOnlyList<PublishedRouterFigure> Published { get; init; } = [];

    /// <summary>Whether <see cref="Published"/> is for this run's pair of models (its strong model named the same, its weak model's family the same); false when there are none.</summary>
    public bool PublishedSamePair => Published.Count > 0
        && Strong.Contains(Published[0].Strong, StringComparison.OrdinalIgnoreCase)
        && Weak.Contains(Published[0].Weak.Split('-')[0], StringComparison.OrdinalIgnoreCase);
}
