using System.Globalization;
using CsvHelper;
using Parity.Analysis;
using Parity.Catalog;

namespace Parity.Reports;

/// <summary>
/// The shipped leaderboard history (<c>data/arena/leaderboard_history.csv</c>, curated by the arena capability)
/// as snapshots per board, every source kept; <see cref="SnapshotSelection"/> picks one per era.
/// </summary>
public static class ShippedHistory
{
    public static IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> Load()
    {
        var path = ShippedData.PathOf("arena/leaderboard_history.csv");
        var orgs = OrganizationTable.LoadShipped();
        var rows = new List<(string Board, DateOnly Date, string Source, string Method, RatedModel Model)>();
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            string Field(string name) => csv.GetField(name) ?? throw new ParityException($"{path}:{line}: field '{name}' is missing.");
            double? Number(string name) => string.IsNullOrEmpty(csv.GetField(name)) ? null
                : double.TryParse(csv.GetField(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                : throw new ParityException($"{path}:{line}: field '{name}' is not a number: '{csv.GetField(name)}'.");
            if (!DateOnly.TryParseExact(Field("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new ParityException($"{path}:{line}: field 'date' is not a date: '{Field("date")}'.");
            }

            var org = orgs.Resolve(csv.GetField("organization"));
            var license = csv.GetField("license");
            bool? open = string.IsNullOrEmpty(license) ? null : !license.Contains("Proprietary", StringComparison.OrdinalIgnoreCase);
            var key = Field("model_key");
            var rating = Number("rating") ?? throw new ParityException($"{path}:{line}: field 'rating' is empty.");
            rows.Add((Field("board"), date, Field("source"), Field("method"),
                new RatedModel(key, string.IsNullOrEmpty(csv.GetField("model")) ? key : csv.GetField("model")!, rating, Number("lower"), Number("upper"),
                    org?.Name ?? NullIfEmpty(csv.GetField("organization")), org?.Country, open)));
        }

        return rows.GroupBy(r => r.Board).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<RatingSnapshot>)g.GroupBy(r => (r.Date, r.Source))
                .Select(s => new RatingSnapshot(s.Key.Date, s.Key.Source, g.Key, s.First().Method, s.Select(r => r.Model).ToList()))
                .OrderBy(s => s.Date)
                .ToList());
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
