namespace Parity.Costs;

/// <summary>A scenario's accounting reproduced from its inputs, and the roofline throughput beside the published one.</summary>
public sealed record ScenarioResult
{
    /// <summary>The scenario as read.</summary>
    public required string Name { get; init; }

    /// <summary>Its source, address and date.</summary>
    public required CostSource Source { get; init; }

    /// <summary>GPU-hours over the period = nodes × GPUs per node × hours.</summary>
    public required decimal GpuHours { get; init; }

    /// <summary>Cost = GPU-hours × price.</summary>
    public required decimal CostUsd { get; init; }

    /// <summary>Revenue at the scenario's prices.</summary>
    public required decimal RevenueUsd { get; init; }

    /// <summary>Revenue by component: cache-hit input, cache-miss input, output.</summary>
    public required IReadOnlyList<RevenueLine> Revenue { get; init; }

    /// <summary>(revenue − cost) ÷ cost.</summary>
    public required decimal CostProfitMargin { get; init; }

    /// <summary>The formulas with the scenario's numbers.</summary>
    public required IReadOnlyList<string> Formulas { get; init; }

    /// <summary>Each reproduced figure beside the published one.</summary>
    public required IReadOnlyList<Comparison> Comparisons { get; init; }

    /// <summary>Roofline prefill ÷ the published prefill on cache misses only; null when the scenario publishes none.</summary>
    public double? PrefillRooflineRatio { get; init; }

    /// <summary>Roofline decode ÷ the published decode; null when the scenario publishes none.</summary>
    public double? DecodeRooflineRatio { get; init; }

    /// <summary>The roofline estimate for the scenario's model and deployment.</summary>
    public required ServingEstimate Roofline { get; init; }

    /// <summary>One revenue component.</summary>
    public sealed record RevenueLine(string Component, decimal Tokens, decimal UsdPerMtok, decimal Usd);

    /// <summary>A figure computed here against the provider's own; ratio = computed ÷ published.</summary>
    public sealed record Comparison(string Figure, double Computed, double Published, double Ratio, string Note);
}
