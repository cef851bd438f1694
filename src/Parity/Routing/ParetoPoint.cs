namespace Parity.Routing;

/// <summary>One operating point on the cost-quality plane, measured on held-out items.</summary>
/// <param name="Label">The model, the router setting (λ) or the cheapest-meeting bar and the model it picks.</param>
/// <param name="Cost">Mean recorded cost per call (USD).</param>
/// <param name="Quality">Mean score (share correct).</param>
/// <param name="QualityLow">Bootstrap 2.5th percentile of the quality.</param>
/// <param name="QualityHigh">Bootstrap 97.5th percentile.</param>
/// <param name="Lambda">For router points: the price of a dollar in score points (score − λ × expected cost is maximised).</param>
internal sealed record ParetoPoint(string Label, double Cost, double Quality, double QualityLow, double QualityHigh, double? Lambda = null);
