using System.Globalization;

namespace Parity.Reports.Charts;

/// <summary>
/// A scatter chart with an optional log x axis and an optional frontier drawn as a step line through
/// its points; points coloured by group, labels placed where they do not collide, legend and source line.
/// </summary>
internal static class ScatterChart
{
    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<ScatterPoint> points, IReadOnlyList<(double X, double Y)> frontier,
        bool logX, string sourceLine, string xPrefix = "", string frontierLabel = "Pareto frontier (no model is both better and cheaper)", int width = 800, int height = 520)
    {
        var svg = new SvgCanvas(width, height, title);
        const double left = 64, right = 24, top = 58, bottom = 100;
        var plotW = width - left - right;
        var plotH = height - top - bottom;

        var xs = points.Select(p => p.X).ToList();
        var ys = points.Select(p => p.Y).ToList();
        IReadOnlyList<double> xTicks;
        double xMin, xMax;
        if (logX)
        {
            xMin = Math.Pow(10, Math.Floor(Math.Log10(xs.Min())));
            xMax = Math.Pow(10, Math.Ceiling(Math.Log10(xs.Max())));
            xTicks = Ticks.Log(xMin, xMax);
        }
        else
        {
            xTicks = Ticks.Linear(Math.Min(0, xs.Min()), xs.Max());
            xMin = xTicks[0];
            xMax = xTicks[^1];
        }

        var yTicks = Ticks.Linear(ys.Min() - 5, ys.Max() + 5, 6);
        double yMin = yTicks[0], yMax = yTicks[^1];

        double X(double v) => logX
            ? left + (Math.Log10(v) - Math.Log10(xMin)) / (Math.Log10(xMax) - Math.Log10(xMin)) * plotW
            : left + (v - xMin) / (xMax - xMin) * plotW;
        double Y(double v) => top + (yMax - v) / (yMax - yMin) * plotH;

        svg.Text(left, 24, title, size: 16, weight: "600");
        svg.Rect(left, top, plotW, plotH, "#fafafa", "#dddddd");
        foreach (var t in yTicks)
        {
            svg.Line(left, Y(t), left + plotW, Y(t), "#e6e6e6");
            svg.Text(left - 8, Y(t) + 4, t.ToString("0.#", CultureInfo.InvariantCulture), "end", 11, "#444444");
        }

        foreach (var t in xTicks)
        {
            svg.Line(X(t), top, X(t), top + plotH, "#e6e6e6");
            svg.Line(X(t), top + plotH, X(t), top + plotH + 5, "#444444");
            var text = xPrefix + (logX && t >= 1 ? t.ToString("0", CultureInfo.InvariantCulture) : t.ToString("0.##", CultureInfo.InvariantCulture));
            svg.Text(X(t), top + plotH + 18, text, "middle", 11, "#444444");
        }

        svg.Text(left + plotW / 2, top + plotH + 40, xLabel, "middle", 12, "#333333");
        svg.Text(16, top + plotH / 2, yLabel, "middle", 12, "#333333", rotate: -90);

        if (frontier.Count > 0)
        {
            var steps = new List<(double, double)>();
            for (var i = 0; i < frontier.Count; i++)
            {
                if (i > 0)
                {
                    steps.Add((X(frontier[i].X), Y(frontier[i - 1].Y)));
                }

                steps.Add((X(frontier[i].X), Y(frontier[i].Y)));
            }

            svg.Polyline(steps, "#333333", 1.6, "5 3", "frontier");
        }

        var placed = new List<(double X1, double Y1, double X2, double Y2)>();
        foreach (var p in points.OrderBy(p => p.Labelled))
        {
            svg.Circle(X(p.X), Y(p.Y), p.Labelled ? 5.5 : 4.5, OriginColors.Of(p.Group),
                string.Create(CultureInfo.InvariantCulture, $"{p.Label}: {p.Y:F0}, {xPrefix}{p.X:0.###}"), cls: "point");
        }

        foreach (var p in points.Where(p => p.Labelled).OrderByDescending(p => p.Y))
        {
            var w = p.Label.Length * 6.2;
            foreach (var (dx, dy, anchor) in new[] { (8.0, 4.0, "start"), (8.0, -8.0, "start"), (8.0, 14.0, "start"), (-8.0, 4.0, "end"), (-8.0, -8.0, "end"), (-8.0, 14.0, "end") })
            {
                var x = X(p.X) + dx;
                var y = Y(p.Y) + dy;
                var x1 = anchor == "start" ? x : x - w;
                var box = (x1, y - 10, x1 + w, y + 2);
                if (box.Item1 < left || box.Item3 > left + plotW || placed.Any(b => b.X1 < box.Item3 && box.x1 < b.X2 && b.Y1 < box.Item4 && box.Item2 < b.Y2))
                {
                    continue;
                }

                placed.Add(box);
                svg.Text(x, y, p.Label, anchor, 10.5, "#222222", cls: "label");
                break;
            }
        }

        var lx = left;
        var ly = height - 38;
        foreach (var group in points.Select(p => p.Group).Distinct().OrderBy(g => g switch { "US" => 0, "China" => 1, _ => 2 }))
        {
            svg.Circle(lx + 6, ly - 4, 5, OriginColors.Of(group));
            svg.Text(lx + 16, ly, group, size: 12);
            lx += 30 + group.Length * 7;
        }

        if (frontier.Count > 0)
        {
            svg.Line(lx, ly - 4, lx + 22, ly - 4, "#333333", 1.6, "5 3");
            svg.Text(lx + 28, ly, frontierLabel, size: 12);
        }

        svg.Note(left, height - 8, sourceLine);
        return svg.ToString();
    }
}
