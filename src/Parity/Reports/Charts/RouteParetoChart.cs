using System.Globalization;
using Parity.Routing;

namespace Parity.Reports.Charts;

/// <summary>
/// The multi-model router's held-out cost-quality curve (log cost axis) with its bootstrap 95% band, every single
/// model as a labelled dot with its interval, cheapest-meeting's choices as squares and the oracle. 800 × 520.
/// </summary>
internal static class RouteParetoChart
{
    public static string Render(ParetoResult r, int width = 800, int height = 520)
    {
        var title = $"Multi-model routing on {r.Benchmark.ToUpperInvariant()}: quality against cost per call, held out";
        var svg = new SvgCanvas(width, height, title);
        const double left = 64, right = 24, top = 58, bottom = 110;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        var all = r.Router.Concat(r.SingleModels).Concat(r.CheapestMeeting).Append(r.Oracle).ToList();
        var xMin = Math.Pow(10, Math.Floor(Math.Log10(all.Min(p => p.Cost))));
        var xMax = Math.Pow(10, Math.Ceiling(Math.Log10(all.Max(p => p.Cost))));
        var yTicks = Ticks.Linear(all.Min(p => p.QualityLow) * 100, all.Max(p => p.QualityHigh) * 100, 6);
        double yMin = yTicks[0], yMax = yTicks[^1];
        double X(double c) => left + ((Math.Log10(c) - Math.Log10(xMin)) / (Math.Log10(xMax) - Math.Log10(xMin)) * plotW);
        double Y(double q) => top + ((yMax - (q * 100)) / (yMax - yMin) * plotH);

        svg.Text(left, 24, title, size: 15, weight: "600");
        svg.Rect(left, top, plotW, plotH, "#fafafa", "#dddddd");
        foreach (var t in yTicks)
        {
            var y = top + ((yMax - t) / (yMax - yMin) * plotH);
            svg.Line(left, y, left + plotW, y, "#e6e6e6");
            svg.Text(left - 8, y + 4, t.ToString("0.#", CultureInfo.InvariantCulture) + "%", "end", 11, "#444444");
        }

        foreach (var t in Ticks.Log(xMin, xMax))
        {
            svg.Line(X(t), top, X(t), top + plotH, "#eeeeee");
            svg.Text(X(t), top + plotH + 18, "$" + t.ToString("0.#####", CultureInfo.InvariantCulture), "middle", 11, "#444444");
        }

        svg.Text(left + (plotW / 2), top + plotH + 36, "mean recorded cost per call (USD, log scale)", "middle", 12, "#333333");
        svg.Text(16, top + (plotH / 2), "quality (share correct)", "middle", 12, "#333333", rotate: -90);

        const string routerColor = "#1f6feb", modelColor = "#555555", meetingColor = "#bf8700", oracleColor = "#2da44e";
        var upper = r.Router.Select(p => (X(p.Cost), Y(p.QualityHigh)));
        var lower = r.Router.AsEnumerable().Reverse().Select(p => (X(p.Cost), Y(p.QualityLow)));
        svg.Polygon(upper.Concat(lower), routerColor, 0.16, "band");
        svg.Polyline(r.Router.Select(p => (X(p.Cost), Y(p.Quality))), routerColor, 2.4, null, "series");
        foreach (var p in r.CheapestMeeting)
        {
            svg.Rect(X(p.Cost) - 5, Y(p.Quality) - 5, 10, 10, meetingColor, "#ffffff", 0.85, "meeting");
        }

        foreach (var p in r.SingleModels)
        {
            svg.Line(X(p.Cost), Y(p.QualityLow), X(p.Cost), Y(p.QualityHigh), modelColor, 1);
            svg.Circle(X(p.Cost), Y(p.Quality), 4.5, modelColor, $"{p.Label}: {(p.Quality * 100).ToString("0.0", CultureInfo.InvariantCulture)}%, ${p.Cost.ToString("0.######", CultureInfo.InvariantCulture)} per call", cls: "point");
            var name = p.Label.Contains('/') ? p.Label[(p.Label.LastIndexOf('/') + 1)..] : p.Label;
            var nearRight = X(p.Cost) + 7 + (name.Length * 5.8) > left + plotW;
            svg.Text(X(p.Cost) + (nearRight ? -7 : 7), Y(p.Quality) + 4, name, nearRight ? "end" : "start", 10, cls: "label");
        }

        svg.Circle(X(r.Oracle.Cost), Y(r.Oracle.Quality), 5.5, oracleColor, "oracle");
        svg.Text(X(r.Oracle.Cost) + 8, Y(r.Oracle.Quality) + 4, "oracle", size: 10, fill: oracleColor);

        var legend = new (string Label, string Color, string Kind)[]
        {
            ("learned router, one point per λ (band: bootstrap 95%)", routerColor, "line"),
            ("single model (bar: 95% CI)", modelColor, "dot"),
            ("cheapest-meeting at each model's accuracy", meetingColor, "square"),
            ("oracle (cheapest correct model per item)", oracleColor, "dot"),
        };
        var lx = left;
        var ly = height - 52.0;
        foreach (var (label, color, kind) in legend)
        {
            var w = 34 + (label.Length * 6.2);
            if (lx + w > width - right)
            {
                lx = left;
                ly += 16;
            }

            switch (kind)
            {
                case "line": svg.Line(lx, ly - 4, lx + 22, ly - 4, color, 2.4); break;
                case "square": svg.Rect(lx + 6, ly - 9, 10, 10, color); break;
                default: svg.Circle(lx + 11, ly - 4, 4.5, color); break;
            }

            svg.Text(lx + 28, ly, label, size: 11);
            lx += w;
        }

        svg.Note(left, height - 6, $"{r.Source}; {r.Items:N0} items, {r.Models.Count} models, {r.Split}; costs as recorded per call; {r.BootstrapRounds:N0} bootstrap rounds.");
        return svg.ToString();
    }
}
