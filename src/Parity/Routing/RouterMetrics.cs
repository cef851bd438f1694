namespace Parity.Routing;

/// <summary>RouteLLM's metrics for one router on the evaluated items.</summary>
/// <param name="Router">"mf", "logreg", "random" or "oracle".</param>
/// <param name="Apgr">Average performance gap recovered.</param>
/// <param name="Cpt50">Strong-call share needed for 50% of the gap.</param>
/// <param name="Cpt80">… for 80%.</param>
/// <param name="Cpt95">… for 95%.</param>
internal sealed record RouterMetrics(string Router, MetricEstimate Apgr, MetricEstimate Cpt50, MetricEstimate Cpt80, MetricEstimate Cpt95);
