namespace Parity.Analysis;

/// <summary>
/// The gap between the best model of two groups at every snapshot of a series (one source per date,
/// see <see cref="SnapshotSelection"/>). Each gap is a within-snapshot difference, so the anchor and
/// scale changes between eras cancel. The band combines the two models' published 95% intervals as
/// independent normal errors: gap ± 1.96·√(se₁² + se₂²).
/// </summary>
public sealed class GapSeries
{
    private GapSeries(ModelGroup first, ModelGroup second, IReadOnlyList<GapPoint> points, IReadOnlyList<GapSeriesHole> holes)
    {
        First = first;
        Second = second;
        Points = points;
        Holes = holes;
    }

    /// <summary>The group whose best model is subtracted from (e.g. US).</summary>
    public ModelGroup First { get; }

    /// <summary>The other group (e.g. China).</summary>
    public ModelGroup Second { get; }

    /// <summary>One point per snapshot where both groups have a rated model, oldest first.</summary>
    public IReadOnlyList<GapPoint> Points { get; }

    /// <summary>Stretches longer than <see cref="HoleDays"/> days without a point.</summary>
    public IReadOnlyList<GapSeriesHole> Holes { get; }

    /// <summary>A stretch without a snapshot longer than this many days is reported as a hole.</summary>
    public const int HoleDays = 45;

    /// <summary>Computes the series over <paramref name="snapshots"/> (already one per date).</summary>
    public static GapSeries Compute(IEnumerable<RatingSnapshot> snapshots, ModelGroup first, ModelGroup second)
    {
        var points = new List<GapPoint>();
        foreach (var snapshot in snapshots.OrderBy(s => s.Date))
        {
            if (At(snapshot, first, second) is { } point)
            {
                points.Add(point);
            }
        }

        var holes = new List<GapSeriesHole>();
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Date.DayNumber - points[i - 1].Date.DayNumber > HoleDays)
            {
                holes.Add(new GapSeriesHole(points[i - 1].Date, points[i].Date, HoleReason(points[i - 1].Date, points[i].Date)));
            }
        }

        return new GapSeries(first, second, points, holes);
    }

    /// <summary>The gap on one snapshot, or null when either group has no rated model there.</summary>
    public static GapPoint? At(RatingSnapshot snapshot, ModelGroup first, ModelGroup second)
    {
        var a = snapshot.Best(first.Contains);
        var b = snapshot.Best(second.Contains);
        if (a is null || b is null)
        {
            return null;
        }

        var gap = a.Rating - b.Rating;
        double? lower = null, upper = null;
        if (a.StandardError is { } sa && b.StandardError is { } sb)
        {
            var half = RatingMath.Z95 * Math.Sqrt(sa * sa + sb * sb);
            lower = gap - half;
            upper = gap + half;
        }

        return new GapPoint(snapshot.Date, snapshot.Source, snapshot.Method, a, b, gap, lower, upper);
    }

    private static string HoleReason(DateOnly from, DateOnly to)
    {
        var knownGapFrom = new DateOnly(2024, 1, 1);
        var knownGapTo = new DateOnly(2024, 3, 27);
        if (from < knownGapTo && to > knownGapFrom)
        {
            return "no displayed leaderboard scores survive for 2024-01-09 → 2024-03-26 in any source (the online-Elo rows of that period are not comparable); METHOD.md §3";
        }

        return "no snapshot of this board in the shipped history for this period";
    }
}
