namespace Parity.Routing;

/// <summary>The learned router against one baseline point (a single model or a cheapest-meeting choice), held out.</summary>
/// <param name="Against">The baseline's label.</param>
/// <param name="AgainstCost">Its mean cost per call (USD).</param>
/// <param name="AgainstQuality">Its quality.</param>
/// <param name="RouterCost">Cost of the router's best point that costs no more than the baseline (null when every router point costs more).</param>
/// <param name="RouterQuality">That point's quality.</param>
/// <param name="QualityGain">Router quality minus baseline quality at that point, with a paired bootstrap 95% interval.</param>
/// <param name="CostAtEqualQuality">Cost of the router's cheapest point at least as good as the baseline (null when none is).</param>
internal sealed record ParetoComparison(string Against, double AgainstCost, double AgainstQuality, double? RouterCost, double? RouterQuality, MetricEstimate? QualityGain, double? CostAtEqualQuality);
