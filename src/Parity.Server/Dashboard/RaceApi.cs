using Parity.Analysis;
using Parity.Reports;

namespace Parity.Server.Dashboard;

/// <summary>
/// <c>GET /api/race?board=text|text-style-control&amp;asOf=yyyy-mm-dd</c>: the standing on the newest snapshot on or
/// before <c>asOf</c> (best US vs best Chinese, best closed vs best open), the gap series with their 95% bands,
/// holes and trends, MoE vs dense (models the catalog knows the architecture of), and the months-behind figures.
/// Everything is <see cref="ReportBuilder"/>'s output, as <c>parity report --format json</c> has it.
/// </summary>
internal static class RaceApi
{
    public static readonly string[] Parameters = ["board", "asOf"];

    public static (string Board, DateOnly? AsOf) Parse(IQueryCollection query)
    {
        var q = new QueryReader(query, Parameters);
        return (q.Choice("board", "text", ReportBuilder.BoardNames), q.Date("asOf"));
    }

    public static byte[] Answer(DashboardData data, IQueryCollection query)
    {
        var (board, asOf) = Parse(query);
        return data.Cached($"race|{board}|{asOf}", () => Compute(data, board, asOf));
    }

    private static byte[] Compute(DashboardData data, string board, DateOnly? asOf)
    {
        var series = data.Board(board);
        if (asOf is { } day && series[0].Date > day)
        {
            throw new BadQueryException("asOf", $"the {board} board's history starts {series[0].Date:yyyy-MM-dd}; asOf {day:yyyy-MM-dd} is before it.");
        }

        // The claims are their own page: the race needs sections 1 and 2 only.
        var report = ReportBuilder.Build(data.Inputs with { Claims = [] }, new ReportOptions(board, asOf));
        var upTo = series.Where(s => s.Date <= report.AsOf).ToList();
        var lookup = data.Inputs.Lookup;
        var moe = new ModelGroup("MoE", m => lookup(m.Key)?.Architecture?.Kind == "moe");
        var dense = new ModelGroup("dense", m => lookup(m.Key)?.Architecture?.Kind == "dense");
        var moeDense = ReportBuilder.Section(GapSeries.Compute(upTo, moe, dense), report.AsOf);
        return DashboardJson.Bytes(new
        {
            data = data.Freshness(),
            board,
            asOf = report.AsOf,
            requestedAsOf = asOf,
            boards = ReportBuilder.BoardNames.Where(data.Series.ContainsKey).ToList(),
            dates = series.Select(s => s.Date).ToList(),
            snapshot = report.Standing.Snapshot,
            usChina = report.Standing.UsChina,
            closedOpen = report.Standing.ClosedOpen,
            series = new[]
            {
                new { id = "us-china", title = "best US − best Chinese model", section = report.Gap.UsChina, note = (string?)null },
                new { id = "closed-open", title = "best closed − best open-weights model", section = report.Gap.ClosedOpen, note = (string?)null },
                new { id = "moe-dense", title = "best MoE − best dense model", section = moeDense, note = (string?)"only models whose architecture Parity's catalog records (data/catalog/architectures.csv)" },
            },
            chinaLag = report.Gap.ChinaLag,
            openLag = report.Gap.OpenLag,
            eras = report.Gap.Eras,
            trendMethod = report.Gap.TrendMethod,
            lagMethod = report.Gap.LagMethod,
            sources = report.Sources,
        });
    }
}
