using System.Globalization;

namespace Parity.Reports.Charts;

/// <summary>
/// A line chart over time: each series a line (broken across holes), its 95% band shaded, holes in the
/// data shaded grey and labelled, a zero line, axes with ticks, a legend and a source line. 800 × 440 by default.
/// </summary>
internal static class TimeSeriesChart
{
    public static string Render(string title, string yLabel, IReadOnlyList<TimeSeries> series, IReadOnlyList<(DateOnly From, DateOnly To)> holes, string sourceLine, int width = 800, int height = 440)
    {
        var svg = new SvgCanvas(width, height, title);
        const double left = 64, right = 24, top = 58, bottom = 80;
        var plotW = width - left - right;
        var plotH = height - top - bottom;

        var all = series.SelectMany(s => s.Points).ToList();
        var minDate = all.Min(p => p.Date);
        var maxDate = all.Max(p => p.Date);
        var xMin = new DateOnly(minDate.Year, minDate.Month, 1).DayNumber;
        var xMax = new DateOnly(maxDate.Year, maxDate.Month, 1).AddMonths(1).DayNumber;
        var values = all.SelectMany(p => new[] { p.Value, p.Lower ?? p.Value, p.Upper ?? p.Value }).Append(0).ToList();
        var yTicks = Ticks.Linear(values.Min(), values.Max(), 7);
        double yMin = yTicks[0], yMax = yTicks[^1];

        double X(DateOnly d) => left + (d.DayNumber - xMin) / (double)(xMax - xMin) * plotW;
        double Y(double v) => top + (yMax - v) / (yMax - yMin) * plotH;

        svg.Text(left, 24, title, size: 16, weight: "600");
        svg.Rect(left, top, plotW, plotH, "#fafafa", "#dddddd");

        foreach (var (from, to) in holes)
        {
            var x1 = X(from);
            var x2 = X(to);
            svg.Rect(x1, top, x2 - x1, plotH, "#cccccc", opacity: 0.35, cls: "hole");
            if (x2 - x1 > 40)
            {
                svg.Text((x1 + x2) / 2, top + 16, "no data", "middle", 11, "#666666");
            }
        }

        foreach (var t in yTicks)
        {
            svg.Line(left, Y(t), left + plotW, Y(t), t == 0 ? "#555555" : "#e6e6e6", t == 0 ? 1.2 : 1);
            svg.Text(left - 8, Y(t) + 4, t.ToString("0.#", CultureInfo.InvariantCulture), "end", 11, "#444444");
        }

        var months = (maxDate.Year - minDate.Year) * 12 + maxDate.Month - minDate.Month + 1;
        var stepMonths = months <= 12 ? 1 : months <= 30 ? 3 : 6;
        for (var d = new DateOnly(minDate.Year, minDate.Month, 1); d.DayNumber <= xMax; d = d.AddMonths(1))
        {
            if ((d.Month - 1) % stepMonths != 0)
            {
                continue;
            }

            svg.Line(X(d), top + plotH, X(d), top + plotH + 5, "#444444");
            svg.Line(X(d), top, X(d), top + plotH, "#f0f0f0");
            var label = d.Month == 1 ? d.ToString("yyyy", CultureInfo.InvariantCulture)
                : X(d) - left < 60 ? d.ToString("MMM yyyy", CultureInfo.InvariantCulture)
                : d.ToString("MMM", CultureInfo.InvariantCulture);
            svg.Text(X(d), top + plotH + 18, label, "middle", 11, "#444444", d.Month == 1 ? "600" : "normal");
        }

        svg.Text(16, top + plotH / 2, yLabel, "middle", 12, "#333333", rotate: -90);

        var endLabels = new List<double>();
        foreach (var s in series)
        {
            foreach (var segment in Segments(s.Points, holes))
            {
                var banded = segment.Where(p => p.Lower is not null && p.Upper is not null).ToList();
                if (banded.Count > 1)
                {
                    var upper = banded.Select(p => (X(p.Date), Y(p.Upper!.Value)));
                    var lower = banded.AsEnumerable().Reverse().Select(p => (X(p.Date), Y(p.Lower!.Value)));
                    svg.Polygon(upper.Concat(lower), s.Color, 0.18, "band");
                }

                svg.Polyline(segment.Select(p => (X(p.Date), Y(p.Value))), s.Color, s.Dashed ? 1.8 : 2.4, s.Dashed ? "6 4" : null, "series");
                if (segment.Count == 1)
                {
                    svg.Circle(X(segment[0].Date), Y(segment[0].Value), 3, s.Color);
                }
            }

            var last = s.Points[^1];
            svg.Circle(X(last.Date), Y(last.Value), 4, s.Color, $"{s.Label}: {last.Value:F0} on {last.Date:yyyy-MM-dd}");
            var labelY = Y(last.Value) - 6;
            while (endLabels.Any(y => Math.Abs(y - labelY) < 13))
            {
                labelY -= 13;
            }

            endLabels.Add(labelY);
            svg.Text(X(last.Date) + 40 > width - right ? X(last.Date) - 6 : X(last.Date) + 6, labelY, last.Value.ToString("+0;-0;0", CultureInfo.InvariantCulture), X(last.Date) + 40 > width - right ? "end" : "start", 11, s.Color, "600");
        }

        var lx = left;
        var ly = height - 38;
        foreach (var s in series)
        {
            svg.Line(lx, ly - 4, lx + 22, ly - 4, s.Color, 2.4, s.Dashed ? "6 4" : null);
            svg.Text(lx + 28, ly, s.Label, size: 12);
            lx += 40 + s.Label.Length * 6.6;
        }

        svg.Rect(lx, ly - 10, 22, 10, series[0].Color, opacity: 0.18);
        svg.Text(lx + 28, ly, "95% band", size: 12);
        lx += 100;
        if (holes.Count > 0)
        {
            svg.Rect(lx, ly - 10, 22, 10, "#cccccc", opacity: 0.6);
            svg.Text(lx + 28, ly, "no snapshot", size: 12);
        }

        svg.Note(left, height - 8, sourceLine);
        return svg.ToString();
    }

    private static IEnumerable<List<(DateOnly Date, double Value, double? Lower, double? Upper)>> Segments(
        IReadOnlyList<(DateOnly Date, double Value, double? Lower, double? Upper)> points, IReadOnlyList<(DateOnly From, DateOnly To)> holes)
    {
        var current = new List<(DateOnly Date, double Value, double? Lower, double? Upper)>();
        foreach (var p in points)
        {
            if (current.Count > 0 && holes.Any(h => current[^1].Date <= h.From && p.Date >= h.To))
            {
                yield return current;
                current = [];
            }

            current.Add(p);
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }
}
