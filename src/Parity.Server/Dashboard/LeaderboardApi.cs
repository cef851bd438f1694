using System.Globalization;
using System.Text;
using Parity.Reports;

namespace Parity.Server.Dashboard;

/// <summary>
/// <c>GET /api/leaderboard</c> (JSON) and <c>GET /api/leaderboard.csv</c>: every model of one snapshot with score,
/// interval, rank and LMArena's rank upper bound, votes, origin, openness, vendor, architecture and price with its
/// source, filtered and sorted as <see cref="LeaderboardQuery"/> asks.
/// </summary>
internal static class LeaderboardApi
{
    public static byte[] Answer(DashboardData data, IQueryCollection query)
    {
        var q = LeaderboardQuery.Parse(query);
        return data.Cached("board|" + q.Key, () => Compute(data, q));
    }

    public static byte[] Csv(DashboardData data, IQueryCollection query)
    {
        var q = LeaderboardQuery.Parse(query);
        return data.Cached("board.csv|" + q.Key, () =>
        {
            var snapshot = data.Snapshot(q.Board, q.Snapshot, "snapshot");
            var rows = q.Apply(AllRows(data, q.Board, snapshot.Date));
            var csv = new StringBuilder();
            csv.Append("rank,rank_ub,model_key,model,catalog_id,rating,lower,upper,votes,organization,country,open_weights,architecture,total_params_b,active_params_b,blended_usd_per_mtok,input_usd_per_mtok,output_usd_per_mtok,price_source,price_date,snapshot_date,snapshot_source\n");
            foreach (var r in rows)
            {
                csv.AppendJoin(',', [
                    N(r.Rank), N(r.RankUpper), Field(r.Key), Field(r.Name), Field(r.CatalogId), N(r.Rating), N(r.Lower), N(r.Upper), N(r.Votes),
                    Field(r.Organization), Field(r.Country), r.OpenWeights is { } o ? (o ? "true" : "false") : "", Field(r.Architecture),
                    N(r.TotalParamsB), N(r.ActiveParamsB), N(r.BlendedPrice), N(r.InputPrice), N(r.OutputPrice), Field(r.PriceSource), Field(r.PriceDate),
                    snapshot.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Field(snapshot.Source)]).Append('\n');
            }

            return Encoding.UTF8.GetBytes(csv.ToString());
        });
    }

    /// <summary>All rows of one snapshot, computed once per version.</summary>
    private static IReadOnlyList<LeaderboardRow> AllRows(DashboardData data, string board, DateOnly date) =>
        data.Rows(board, date, snapshot => LeaderboardBuilder.Rows(snapshot, data.Inputs.Lookup));

    private static byte[] Compute(DashboardData data, LeaderboardQuery q)
    {
        var snapshot = data.Snapshot(q.Board, q.Snapshot, "snapshot");
        var all = AllRows(data, q.Board, snapshot.Date);
        var rows = q.Apply(all);
        return DashboardJson.Bytes(new
        {
            data = data.Freshness(),
            board = q.Board,
            snapshot = new SnapshotRef(snapshot.Date, snapshot.Source, snapshot.Board, snapshot.Method, snapshot.Models.Count),
            snapshots = data.Board(q.Board).Select(s => s.Date).Reverse().ToList(),
            query = new { q.Origin, q.Open, q.Vendor, q.Arch, q.MinPrice, q.MaxPrice, search = q.Search, q.Sort, dir = q.Descending ? "desc" : "asc" },
            total = all.Count,
            shown = rows.Count,
            countries = all.Select(r => r.Country).Where(c => c is not null).Distinct().Order(StringComparer.Ordinal).ToList(),
            vendors = all.Select(r => r.Organization).Where(o => o is not null).Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList(),
            rankMethod = "Rank (UB), as LMArena shows it: 1 + the models whose 95% lower bound is above this model's upper bound (without intervals: 1 + the models rated higher).",
            priceMethod = Analysis.PricedModel.BlendText,
            rows,
        });
    }

    private static string N(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "";

    private static string N(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "";

    private static string Field(string? text) =>
        text is null ? "" : text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
