namespace Parity.Routing;

/// <summary>
/// The quality-vs-cost curve of a two-model router on a set of items, at every strong-call count
/// k = 0 … n: the k items the router rates most likely to need the strong model go to it, the rest to the
/// weak one. RouteLLM's metrics follow: PGR(k) = (quality(k) − weak) / (strong − weak), APGR = the area
/// under PGR over the strong-call share [0, 1] (trapezoids), CPT(x) = the smallest strong-call share at
/// which PGR reaches x (linear between counts). RouteLLM samples the curve at 10 score quantiles; this
/// uses every count.
/// </summary>
internal sealed class RoutingCurve
{
    private RoutingCurve(double[] quality, double strong, double weak)
    {
        Quality = quality;
        StrongQuality = strong;
        WeakQuality = weak;
    }

    /// <summary>Mean quality with k strong calls, k = 0 … n.</summary>
    public double[] Quality { get; }

    public double StrongQuality { get; }

    public double WeakQuality { get; }

    public int Count => Quality.Length - 1;

    /// <summary>The curve when items go to the strong model in the given order (first = first routed to it).</summary>
    public static RoutingCurve FromOrder(IReadOnlyList<int> order, IReadOnlyList<double> strong, IReadOnlyList<double> weak)
    {
        var n = order.Count;
        var quality = new double[n + 1];
        double sum = 0;
        foreach (var i in order)
        {
            sum += weak[i];
        }

        double strongSum = 0;
        foreach (var i in order)
        {
            strongSum += strong[i];
        }

        quality[0] = sum / n;
        for (var k = 0; k < n; k++)
        {
            var i = order[k];
            sum += strong[i] - weak[i];
            quality[k + 1] = sum / n;
        }

        return new RoutingCurve(quality, strongSum / n, quality[0]);
    }

    /// <summary>The curve of a scoring router: higher score = routed to the strong model first; ties broken by a seeded shuffle.</summary>
    public static RoutingCurve FromScores(IReadOnlyList<int> items, IReadOnlyList<double> scores, IReadOnlyList<double> strong, IReadOnlyList<double> weak, int seed)
    {
        var tiebreak = new Random(seed);
        var keyed = items.Select(i => (Item: i, Score: scores[i], Tie: tiebreak.NextDouble())).ToList();
        keyed.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Tie.CompareTo(b.Tie));
        return FromOrder(keyed.Select(k => k.Item).ToList(), strong, weak);
    }

    /// <summary>The oracle: the items only the strong model gets right first, the items only the weak one gets right last.</summary>
    public static RoutingCurve Oracle(IReadOnlyList<int> items, IReadOnlyList<double> strong, IReadOnlyList<double> weak) =>
        FromOrder(items.OrderByDescending(i => strong[i] - weak[i]).ThenBy(i => i).ToList(), strong, weak);

    /// <summary>Performance gap recovered with k strong calls; NaN when the two models score the same.</summary>
    public double Pgr(int k) => (Quality[k] - WeakQuality) / (StrongQuality - WeakQuality);

    /// <summary>Average performance gap recovered over the strong-call share 0 → 1.</summary>
    public double Apgr()
    {
        double area = 0;
        for (var k = 0; k < Count; k++)
        {
            area += (Pgr(k) + Pgr(k + 1)) / 2;
        }

        return area / Count;
    }

    /// <summary>The smallest strong-call share at which PGR reaches <paramref name="target"/> (0–1); 1 when it never does.</summary>
    public double Cpt(double target)
    {
        if (Pgr(0) >= target)
        {
            return 0;
        }

        for (var k = 1; k <= Count; k++)
        {
            var p = Pgr(k);
            if (p >= target)
            {
                var prev = Pgr(k - 1);
                var frac = p == prev ? 0 : (target - prev) / (p - prev);
                return (k - 1 + frac) / Count;
            }
        }

        return 1;
    }

    /// <summary>Quality at a strong-call share (0–1), linear between counts.</summary>
    public double QualityAt(double share)
    {
        var pos = share * Count;
        var k = (int)Math.Floor(pos);
        if (k >= Count)
        {
            return Quality[Count];
        }

        return Quality[k] + ((pos - k) * (Quality[k + 1] - Quality[k]));
    }
}
