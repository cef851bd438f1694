using Parity.Routing;

namespace Parity.Cli.Commands;

/// <summary>One pair of <c>route pairs --format json</c>.</summary>
internal sealed record RoutePairJson(string Strong, string Weak, double StrongQuality, double WeakQuality, int Items, MetricEstimate Apgr, MetricEstimate Cpt50, MetricEstimate Cpt80, MetricEstimate ApgrOverRandom, bool BeatsRandom);
