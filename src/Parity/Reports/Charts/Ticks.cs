namespace Parity.Reports.Charts;

/// <summary>Axis ticks at round numbers.</summary>
internal static class Ticks
{
    /// <summary>About <paramref name="count"/> ticks at 1, 2, 2.5 or 5 × 10^k, the first at or below min and the last at or above max.</summary>
    public static IReadOnlyList<double> Linear(double min, double max, int count = 6)
    {
        if (max <= min)
        {
            max = min + 1;
        }

        var raw = (max - min) / count;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2.0, 2.5, 5.0, 10.0 }.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        var first = Math.Floor(min / step + 1e-9) * step;
        var last = Math.Ceiling(max / step - 1e-9) * step;
        for (var t = first; t <= last + step * 1e-9; t += step)
        {
            ticks.Add(Math.Round(t, 10));
        }

        return ticks;
    }

    /// <summary>Ticks at 1, 2, 5 × 10^k within [min, max] (both &gt; 0).</summary>
    public static IReadOnlyList<double> Log(double min, double max)
    {
        var ticks = new List<double>();
        for (var k = (int)Math.Floor(Math.Log10(min)); k <= (int)Math.Ceiling(Math.Log10(max)); k++)
        {
            foreach (var m in new[] { 1.0, 2.0, 5.0 })
            {
                var t = m * Math.Pow(10, k);
                if (t >= min * 0.999 && t <= max * 1.001)
                {
                    ticks.Add(t);
                }
            }
        }

        return ticks;
    }
}
