namespace Parity.Routing;

/// <summary>One point of the quality-vs-cost curve.</summary>
/// <param name="StrongShare">Share of calls to the strong model (0–1).</param>
/// <param name="Router">Mean quality of the learned router.</param>
/// <param name="RouterLow">Its bootstrap 2.5th percentile.</param>
/// <param name="RouterHigh">Its bootstrap 97.5th percentile.</param>
/// <param name="Random">The random router (expected value).</param>
/// <param name="Oracle">The oracle.</param>
internal sealed record CurvePoint(double StrongShare, double Router, double RouterLow, double RouterHigh, double Random, double Oracle);
