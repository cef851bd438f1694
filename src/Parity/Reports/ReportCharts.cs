using Parity.Reports.Charts;

namespace Parity.Reports;

/// <summary>The report's SVG charts, by file name.</summary>
public static class ReportCharts
{
    public const string GapChart = "gap-over-time.svg";
    public const string ValueChart = "score-vs-price.svg";
    public const string EfficiencyChart = "score-vs-active-params.svg";

    /// <summary>Renders every chart the report has data for.</summary>
    public static IReadOnlyList<(string FileName, string Svg)> Render(HeadToHeadReport report)
    {
        var charts = new List<(string, string)>();
        var board = report.Board == "text" ? "Arena text board (raw)" : "Arena text board (style control)";
        var shortBoard = report.Board == "text" ? "Arena text, raw" : "Arena text, style control";
        var usCn = report.Gap.UsChina;
        var co = report.Gap.ClosedOpen;
        if (usCn.Points.Count > 0)
        {
            var series = new List<TimeSeries>
            {
                new("best US − best Chinese model", OriginColors.China, usCn.Points.Select(p => (p.Date, p.Gap, p.Lower, p.Upper)).ToList()),
            };
            if (co.Points.Count > 0)
            {
                series.Add(new("best closed − best open-weights model", OriginColors.Open, co.Points.Select(p => (p.Date, p.Gap, p.Lower, p.Upper)).ToList(), Dashed: true));
            }

            charts.Add((GapChart, TimeSeriesChart.Render(
                $"Gap between the best models ({shortBoard}), {usCn.Points[0].Date:yyyy-MM} → {usCn.Points[^1].Date:yyyy-MM}",
                "rating points (positive = US / closed ahead)",
                series,
                usCn.Holes.Select(h => (h.From, h.To)).ToList(),
                $"Source: LMArena leaderboards via {string.Join(", ", report.Sources.Select(s => s.Split(':')[0]))}; one source per era (METHOD.md §3). Band: 95% from the two models' intervals.")));
        }

        var priced = report.Value.Priced.Where(p => p.BlendedPrice > 0).ToList();
        if (priced.Count > 1)
        {
            var frontierKeys = report.Value.Frontier.Select(f => f.Key).ToHashSet();
            var top = priced.OrderByDescending(p => p.Rating).Take(3).Select(p => p.Key).ToHashSet();
            charts.Add((ValueChart, ScatterChart.Render(
                $"Score vs price, {board}, {report.AsOf:yyyy-MM-dd}",
                "blended price, USD per million tokens (3 input : 1 output), log scale",
                "Arena score",
                priced.Select(p => new ScatterPoint(p.BlendedPrice!.Value, p.Rating, GroupOf(p.Country), p.Key, frontierKeys.Contains(p.Key) || top.Contains(p.Key))).ToList(),
                report.Value.Frontier.Where(f => f.BlendedPrice > 0).Select(f => (f.BlendedPrice!.Value, f.Rating)).ToList(),
                logX: true,
                $"Scores: {report.Standing.Snapshot.Source} ({report.AsOf:yyyy-MM-dd}). Prices: Parity catalog (list prices of each model's primary offer).",
                xPrefix: "$")));
        }

        var open = report.Efficiency.OpenModels.Where(r => r.ActiveParamsB > 0).ToList();
        if (open.Count > 1)
        {
            var frontierKeys = report.Efficiency.ActiveParamsFrontier.Select(f => f.Model.Key).ToHashSet();
            var labelled = frontierKeys.Concat(open.OrderByDescending(r => r.Model.Rating).Take(4).Select(r => r.Model.Key))
                .Concat(open.Where(r => r.Kind == "dense").OrderByDescending(r => r.Model.Rating).Take(2).Select(r => r.Model.Key)).ToHashSet();
            charts.Add((EfficiencyChart, ScatterChart.Render(
                $"Open-weights models: score vs active parameters, {report.AsOf:yyyy-MM-dd}",
                "parameters active per token, billions, log scale (MoE: active experts; dense: all)",
                "Arena score",
                open.Select(r => new ScatterPoint(r.ActiveParamsB!.Value, r.Model.Rating, GroupOf(r.Model.Country), $"{r.Model.Key} ({(r.Kind == "moe" ? "MoE" : "dense")})", labelled.Contains(r.Model.Key))).ToList(),
                report.Efficiency.ActiveParamsFrontier.Select(f => (f.ActiveParamsB!.Value, f.Model.Rating)).ToList(),
                logX: true,
                $"Scores: {report.Standing.Snapshot.Source}. Architectures: Parity catalog (model cards and technical reports).",
                frontierLabel: "frontier (no model scores higher with fewer active parameters)")));
        }

        return charts;
    }

    internal static string GroupOf(string? country) => country switch
    {
        "US" => "US",
        "CN" => "China",
        _ => "other",
    };
}
