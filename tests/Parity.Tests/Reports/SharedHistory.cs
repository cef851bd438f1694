using System.Globalization;
using CsvHelper;
using Parity.Analysis;
using Parity.Catalog;

namespace Parity.Tests.Reports;

/// <summary>
/// Reads the raw leaderboard history (../shared/data/arena/derived/leaderboard_history_long.csv) into
/// snapshots, for tests that check the analysis against published numbers.
/// </summary>
internal static class SharedHistory
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>>> Boards = new(Read);

    public static IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> Load() => Boards.Value;

    private static IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> Read()
    {
        var orgs = OrganizationTable.LoadShipped();
        using var reader = new StreamReader(SharedData.PathOf("arena/derived/leaderboard_history_long.csv"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<(string Board, DateOnly Date, string Source, string Method, RatedModel Model)>();
        var orgByName = new Dictionary<string, string>(StringComparer.Ordinal);
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var board = csv.GetField("board") == "text_full_style_control" ? "text-style-control" : "text";
            var display = csv.GetField("model_display")!;
            var key = string.IsNullOrEmpty(csv.GetField("model_key")) ? display : csv.GetField("model_key")!;
            var organization = csv.GetField("organization");
            if (!string.IsNullOrEmpty(organization))
            {
                orgByName.TryAdd(Parity.Analysis.ModelKeys.Normalize(display), organization);
                orgByName.TryAdd(Parity.Analysis.ModelKeys.Normalize(key), organization);
            }

            var org = orgs.Resolve(organization);
            var license = csv.GetField("license");
            bool? open = string.IsNullOrEmpty(license) ? null : !license.Contains("Proprietary", StringComparison.OrdinalIgnoreCase);
            rows.Add((board, DateOnly.Parse(csv.GetField("date")!, CultureInfo.InvariantCulture), csv.GetField("source")!, csv.GetField("method")!,
                new RatedModel(key, display, double.Parse(csv.GetField("rating")!, CultureInfo.InvariantCulture),
                    Num(csv.GetField("ci_lower")), Num(csv.GetField("ci_upper")), org?.Name, org?.Country, open)));
        }

        // The 2023 tables carry no organization: join it by model name from the other sources (METHOD.md §3).
        for (var i = 0; i < rows.Count; i++)
        {
            var m = rows[i].Model;
            if (m.Country is null && (orgByName.GetValueOrDefault(Parity.Analysis.ModelKeys.Normalize(m.Name)) ?? orgByName.GetValueOrDefault(Parity.Analysis.ModelKeys.Normalize(m.Key))) is { } name
                && orgs.Resolve(name) is { } org)
            {
                rows[i] = rows[i] with { Model = m with { Organization = org.Name, Country = org.Country } };
            }
        }

        return rows.GroupBy(r => r.Board).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<RatingSnapshot>)g.GroupBy(r => (r.Date, r.Source))
                .Select(s => new RatingSnapshot(s.Key.Date, s.Key.Source, g.Key, s.First().Method, s.Select(r => r.Model).ToList()))
                .OrderBy(s => s.Date).ToList());
    }

    private static double? Num(string? text) => string.IsNullOrEmpty(text) ? null : double.Parse(text, CultureInfo.InvariantCulture);
}
