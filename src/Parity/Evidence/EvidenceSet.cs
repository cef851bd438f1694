using System.Globalization;
using Parity.Catalog;

namespace Parity.Evidence;

/// <summary>
/// The evidence series that ship under <c>data/evidence/</c> (investment, token share, token volume, compute share,
/// model counts, benchmark scores): each a CSV whose rows carry a figure, its source, URL, period and publication date.
/// </summary>
public sealed class EvidenceSet
{
    /// <summary>The value column of each series, by the first header found.</summary>
    private static readonly string[] ValueColumns = ["value", "usd_billion", "share", "count", "tokens_per_day", "score"];

    private readonly IReadOnlyDictionary<string, IReadOnlyList<EvidenceRow>> _series;

    public EvidenceSet(IReadOnlyDictionary<string, IReadOnlyList<EvidenceRow>> series) => _series = series;

    /// <summary>The names of the series.</summary>
    public IReadOnlyCollection<string> Names => _series.Keys.ToList();

    /// <summary>The file of each series, for the sources list.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the set has the series.</summary>
    public bool Has(string series) => _series.ContainsKey(series);

    /// <summary>Every row of a series, whatever its date.</summary>
    public IReadOnlyList<EvidenceRow> All(string series) => _series.GetValueOrDefault(series, []);

    /// <summary>The shipped series.</summary>
    public static EvidenceSet LoadShipped()
    {
        var dir = ShippedData.PathOf("evidence");
        var series = new Dictionary<string, IReadOnlyList<EvidenceRow>>(StringComparer.Ordinal);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(dir, "*.csv").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (name == "price_history")
            {
                continue;
            }

            series[name] = Load(file, name);
            files[name] = "data/evidence/" + Path.GetFileName(file);
        }

        return new EvidenceSet(series) { Files = files };
    }

    /// <summary>Reads one series; a row without a number, a source or a publication date is an error naming file, line and column.</summary>
    public static IReadOnlyList<EvidenceRow> Load(string path, string name)
    {
        using var reader = new StreamReader(path);
        var rows = CsvRows.Read(reader, path).ToList();
        if (rows.Count == 0)
        {
            throw new ParityException($"{path}: empty evidence file.");
        }

        var header = rows[0].Fields;
        var valueColumn = ValueColumns.FirstOrDefault(header.Contains)
            ?? throw new ParityException($"{path}:1: no value column (one of {string.Join(", ", ValueColumns)}).");
        var result = new List<EvidenceRow>();
        foreach (var (line, fields) in rows.Skip(1))
        {
            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue;
            }

            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length && i < fields.Length; i++)
            {
                map[header[i]] = fields[i].Trim();
            }

            string Need(string column) => map.TryGetValue(column, out var v) && v.Length > 0 ? v : throw new ParityException($"{path}:{line}: column '{column}' is empty.");
            var text = Need(valueColumn);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new ParityException($"{path}:{line}: column '{valueColumn}' must be a number, got '{text}'.");
            }

            var published = Need("published");
            result.Add(new EvidenceRow(name, line, map, value, Need("source"), map.GetValueOrDefault("url", ""), published,
                AvailableFrom(published) ?? throw new ParityException($"{path}:{line}: column 'published' must be yyyy-mm or yyyy-mm-dd, got '{published}'.")));
        }

        return result;
    }

    /// <summary>The publication day, or for a month the month's last day (the figure is surely public by then).</summary>
    public static DateOnly? AvailableFrom(string published)
    {
        if (DateOnly.TryParseExact(published, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        return DateOnly.TryParseExact(published + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month.AddMonths(1).AddDays(-1)
            : null;
    }
}
