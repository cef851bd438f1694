namespace Parity.Routing;

/// <summary>How <see cref="RouteEvaluator"/> splits, trains and resamples.</summary>
internal sealed record RouteEvalOptions
{
    public RouterTrainingOptions Training { get; init; } = new();

    /// <summary>k for k-fold cross-validation (every item scored by a router that did not see it); 1 = one held-out split.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Share of items held out when <see cref="Folds"/> is 1.</summary>
    public double TestShare { get; init; } = 0.3;

    public int BootstrapRounds { get; init; } = 1000;

    /// <summary>Seed of the split, the tie-breaks and the bootstrap.</summary>
    public int Seed { get; init; } = 42;
}
