using Parity.Reports;

namespace Parity.Server.Dashboard;

/// <summary>
/// <c>GET /api/value?board=&amp;asOf=&amp;within=N</c>: score against blended price on one snapshot — every priced model,
/// the Pareto frontier, the cheapest model within N points of the best and the flagship price ratios
/// (<see cref="ReportBuilder"/>'s value section).
/// </summary>
internal static class ValueApi
{
    public static readonly string[] Parameters = ["board", "asOf", "within"];

    public static byte[] Answer(DashboardData data, IQueryCollection query)
    {
        var q = new QueryReader(query, Parameters);
        var board = q.Choice("board", "text", ReportBuilder.BoardNames);
        var asOf = q.Date("asOf");
        var within = q.Number("within", 0, 1000) ?? 20;
        return data.Cached($"value|{board}|{asOf}|{within}", () =>
        {
            var series = data.Board(board);
            if (asOf is { } day && series[0].Date > day)
            {
                throw new BadQueryException("asOf", $"the {board} board's history starts {series[0].Date:yyyy-MM-dd}; asOf {day:yyyy-MM-dd} is before it.");
            }

            var report = ReportBuilder.Build(data.Inputs with { Claims = [] }, new ReportOptions(board, asOf, within));
            return DashboardJson.Bytes(new
            {
                data = data.Freshness(),
                board,
                asOf = report.AsOf,
                snapshot = report.Standing.Snapshot,
                dates = series.Select(s => s.Date).Reverse().ToList(),
                value = report.Value,
            });
        });
    }
}
