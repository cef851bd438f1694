using System.Globalization;
using Parity.Routing;

namespace Parity.Reports.Charts;

/// <summary>
/// The quality-vs-cost curve of a router evaluation: quality against the share of calls to the strong model,
/// the learned router with its bootstrap 95% band, the random router (a straight line), the oracle, and the
/// two models alone as dashed levels. 720 × 460.
/// </summary>
internal static class RouteCurveChart
{
    public static string Render(RouteEvalResult r, int width = 720, int height = 460)
    {
        var title = $"Routing {r.Strong} vs {r.Weak}: quality against strong-model calls";
        var svg = new SvgCanvas(width, height, title);
        const double left = 64, right = 24, top = 58, bottom = 96;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        var values = r.Curve.SelectMany(p => new[] { p.Router, p.RouterLow, p.RouterHigh, p.Oracle, p.Random }).Select(v => v * 100).ToList();
        var yTicks = Ticks.Linear(values.Min(), values.Max(), 6);
        double yMin = yTicks[0], yMax = yTicks[^1];
        double X(double share) => left + (share * plotW);
        double Y(double q) => top + ((yMax - (q * 100)) / (yMax - yMin) * plotH);

        // Long model names: shrink the title so it stays inside the canvas (about 0.55 em per character).
        svg.Text(left, 24, title, size: Math.Min(15, (width - left - right) / (title.Length * 0.55)), weight: "600");
        svg.Rect(left, top, plotW, plotH, "#fafafa", "#dddddd");
        foreach (var t in yTicks)
        {
            svg.Line(left, top + ((yMax - t) / (yMax - yMin) * plotH), left + plotW, top + ((yMax - t) / (yMax - yMin) * plotH), "#e6e6e6");
            svg.Text(left - 8, top + ((yMax - t) / (yMax - yMin) * plotH) + 4, t.ToString("0.#", CultureInfo.InvariantCulture) + "%", "end", 11, "#444444");
        }

        for (var s = 0; s <= 10; s++)
        {
            svg.Line(X(s / 10.0), top + plotH, X(s / 10.0), top + plotH + 5, "#444444");
            svg.Text(X(s / 10.0), top + plotH + 18, (s * 10).ToString(CultureInfo.InvariantCulture) + "%", "middle", 11, "#444444");
        }

        svg.Text(left + (plotW / 2), top + plotH + 36, "calls to the strong model", "middle", 12, "#333333");
        svg.Text(16, top + (plotH / 2), "quality (share correct)", "middle", 12, "#333333", rotate: -90);

        const string routerColor = "#1f6feb", oracleColor = "#2da44e", randomColor = "#888888";
        svg.Line(left, Y(r.StrongQuality), left + plotW, Y(r.StrongQuality), "#cf222e", 1.2, "5 4");
        svg.Line(left, Y(r.WeakQuality), left + plotW, Y(r.WeakQuality), "#9a6700", 1.2, "5 4");
        var upper = r.Curve.Select(p => (X(p.StrongShare), Y(p.RouterHigh)));
        var lower = r.Curve.AsEnumerable().Reverse().Select(p => (X(p.StrongShare), Y(p.RouterLow)));
        svg.Polygon(upper.Concat(lower), routerColor, 0.18, "band");
        svg.Polyline(r.Curve.Select(p => (X(p.StrongShare), Y(p.Random))), randomColor, 1.6, "6 4", "series");
        svg.Polyline(r.Curve.Select(p => (X(p.StrongShare), Y(p.Oracle))), oracleColor, 1.8, null, "series");
        svg.Polyline(r.Curve.Select(p => (X(p.StrongShare), Y(p.Router))), routerColor, 2.4, null, "series");

        var apgr = r.Routers[0].Apgr;
        var legend = new (string Label, string Color, string? Dash)[]
        {
            ($"{r.RouterKind} (APGR {apgr.Value.ToString("0.000", CultureInfo.InvariantCulture)}, 95% CI {apgr.Low.ToString("0.000", CultureInfo.InvariantCulture)}–{apgr.High.ToString("0.000", CultureInfo.InvariantCulture)})", routerColor, null),
            ("random (APGR 0.5)", randomColor, "6 4"),
            ("oracle", oracleColor, null),
            ($"{r.Strong} alone", "#cf222e", "5 4"),
            ($"{r.Weak} alone", "#9a6700", "5 4"),
        };
        var lx = left;
        var ly = height - 44.0;
        foreach (var (label, color, dash) in legend)
        {
            var w = 34 + (label.Length * 6.2);
            if (lx + w > width - right)
            {
                lx = left;
                ly += 16;
            }

            svg.Line(lx, ly - 4, lx + 22, ly - 4, color, 2.4, dash);
            svg.Text(lx + 28, ly, label, size: 11);
            lx += w;
        }

        svg.Note(left, height - 6, $"{r.Source}; {r.EvaluatedItems:N0} items, {r.Split}; band: bootstrap 95% ({r.BootstrapRounds:N0} rounds); {(r.ContaminationList is null ? "no contamination list" : $"{r.DroppedContaminated} contaminated prompts dropped")}.");
        return svg.ToString();
    }
}
