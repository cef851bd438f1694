namespace Parity.Analysis;

/// <summary>Fits the trend of a gap series; see <see cref="TrendEstimate.MethodText"/>.</summary>
public static class GapTrend
{
    private const double DaysPerMonth = 365.2425 / 12;

    /// <summary>Fits a trend to the points between <paramref name="from"/> and <paramref name="to"/> (inclusive; null = open). Null with fewer than three months.</summary>
    public static TrendEstimate? Fit(IReadOnlyList<GapPoint> points, DateOnly? from = null, DateOnly? to = null, int rounds = 2000, int seed = 42)
    {
        var monthly = points
            .Where(p => (from is null || p.Date >= from) && (to is null || p.Date <= to))
            .GroupBy(p => (p.Date.Year, p.Date.Month))
            .Select(g => g.MaxBy(p => p.Date)!)
            .OrderBy(p => p.Date)
            .ToList();
        if (monthly.Count < 3)
        {
            return null;
        }

        var origin = monthly[0].Date.DayNumber;
        var x = monthly.Select(p => (p.Date.DayNumber - origin) / DaysPerMonth).ToArray();
        var y = monthly.Select(p => p.Gap).ToArray();
        var se = monthly.Select(p => p.StandardError ?? 0).ToArray();
        var slope = Slope(x, y);

        var random = new Random(seed);
        var slopes = new List<double>(rounds);
        var bx = new double[x.Length];
        var by = new double[x.Length];
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < x.Length; i++)
            {
                var j = random.Next(x.Length);
                bx[i] = x[j];
                by[i] = y[j] + se[j] * RatingMath.NextGaussian(random);
            }

            if (Slope(bx, by) is var s && !double.IsNaN(s))
            {
                slopes.Add(s);
            }
        }

        slopes.Sort();
        return new TrendEstimate(
            slope,
            Quantile(slopes, 0.025),
            Quantile(slopes, 0.975),
            slopes.Count(s => s < 0) / (double)slopes.Count,
            monthly.Count,
            monthly[0].Date,
            monthly[^1].Date,
            rounds);
    }

    internal static double Slope(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }

        return sxx == 0 ? double.NaN : sxy / sxx;
    }

    internal static double Quantile(List<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var pos = q * (sorted.Count - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
