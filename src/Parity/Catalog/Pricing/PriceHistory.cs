using System.Globalization;

namespace Parity.Catalog.Pricing;

/// <summary>
/// List prices with effective dates (<c>data/evidence/price_history.csv</c>): which price was in force for a model at
/// any moment, each with its source and date. A model the history does not list has no dated price here; callers fall
/// back to the catalog's feeds, whose prices are in force as of the feed's date only.
/// </summary>
public sealed class PriceHistory
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<ListPrice>> _byModel;

    public PriceHistory(IEnumerable<ListPrice> prices)
    {
        _byModel = prices.GroupBy(p => p.Model, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ListPrice>)g.OrderBy(p => p.From).ToList(), StringComparer.Ordinal);
    }

    /// <summary>The file the shipped history is read from.</summary>
    public const string ShippedFile = "data/evidence/price_history.csv";

    /// <summary>True when the history lists the model.</summary>
    public bool Knows(string model) => _byModel.ContainsKey(model);

    /// <summary>Every row of a model, oldest first.</summary>
    public IReadOnlyList<ListPrice> Of(string model) => _byModel.GetValueOrDefault(model, []);

    /// <summary>The list prices (not window discounts) in force for the model at <paramref name="at"/>; several when sources disagree.</summary>
    public IReadOnlyList<ListPrice> InForce(string model, DateTimeOffset at) =>
        Of(model).Where(p => p.Window is null && p.InForceAt(at)).ToList();

    /// <summary>
    /// The price a request at <paramref name="at"/> pays at the maker: a daily-window discount in force then (DeepSeek's
    /// off-peak hours) before the list price; null when no row is in force.
    /// </summary>
    public ListPrice? ChargedAt(string model, DateTimeOffset at)
    {
        var rows = Of(model).Where(p => p.InForceAt(at)).ToList();
        return rows.FirstOrDefault(p => p.Window is { } w && InWindow(w, at)) ?? rows.FirstOrDefault(p => p.Window is null);
    }

    /// <summary>Prices a request with the history's row in force at <paramref name="at"/>, through the price engine; null when the history has none then.</summary>
    public PriceQuote? Price(string model, TokenUsage usage, DateTimeOffset at)
    {
        if (ChargedAt(model, at) is not { } row)
        {
            return null;
        }

        var set = new PriceSet(TieredRate.Flat(row.Input), TieredRate.Flat(row.Output), row.CachedInput is { } c ? TieredRate.Flat(c) : null);
        var source = new FactSource(row.Source, row.Published, row.Url, $"{row.PeriodText}{(row.Window is { } w ? $", daily window {w} UTC" : "")}; {row.Note} ({ShippedFile} line {row.Line})");
        return PriceEngine.Price(PriceSchedule.Flat(set), usage, at, model, row.Provider, source);
    }

    private static bool InWindow(string window, DateTimeOffset at)
    {
        var parts = window.Split('-');
        if (parts.Length != 2 || !TimeOnly.TryParse(parts[0], CultureInfo.InvariantCulture, out var from) || !TimeOnly.TryParse(parts[1], CultureInfo.InvariantCulture, out var to))
        {
            return false;
        }

        var time = TimeOnly.FromDateTime(at.UtcDateTime);
        return from <= to ? time >= from && time < to : time >= from || time < to;
    }

    /// <summary>The moments the model's list price changes (every start and end).</summary>
    public IEnumerable<DateTimeOffset> Changes(string model) =>
        Of(model).Where(p => p.Window is null).SelectMany(p => p.To is { } to ? new[] { p.From, to } : [p.From]).Distinct().Order();

    /// <summary>The shipped history.</summary>
    public static PriceHistory LoadShipped() => Load(ShippedData.PathOf("evidence/price_history.csv"));

    /// <summary>Reads a price history CSV; a row with a bad time, price or basis is an error naming file, line and column.</summary>
    public static PriceHistory Load(string path)
    {
        using var reader = new StreamReader(path);
        var rows = CsvRows.Read(reader, path).ToList();
        var header = rows[0].Fields;
        var prices = new List<ListPrice>();
        foreach (var (line, fields) in rows.Skip(1))
        {
            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue;
            }

            string Get(string column)
            {
                var i = Array.IndexOf(header, column);
                return i >= 0 && i < fields.Length ? fields[i].Trim() : throw new ParityException($"{path}:{line}: column '{column}' is missing.");
            }

            ParityException Bad(string column, string problem) => new($"{path}:{line}: column '{column}' {problem}, got '{Get(column)}'.");
            DateTimeOffset? Time(string column)
            {
                var text = Get(column);
                if (text.Length == 0)
                {
                    return null;
                }

                return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
                    ? t
                    : throw Bad(column, "must be yyyy-mm-ddThh:mmZ");
            }

            decimal? Price(string column) => Get(column) is { Length: > 0 } text
                ? decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : throw Bad(column, "must be a price ≥ 0")
                : null;

            var from = Time("effective_from_utc") ?? throw Bad("effective_from_utc", "is required");
            var to = Time("effective_to_utc");
            if (to is not null && to <= from)
            {
                throw Bad("effective_to_utc", "must be after effective_from_utc");
            }

            var basis = Get("basis");
            if (basis is not ("published" or "launch" or "feed"))
            {
                throw Bad("basis", "must be published, launch or feed");
            }

            prices.Add(new ListPrice(Get("provider"), Get("model"), Get("api_model"), from, to, Get("window_utc") is { Length: > 0 } w ? w : null,
                Price("input") ?? throw Bad("input", "is required"), Price("cached_input"), Price("output") ?? throw Bad("output", "is required"),
                basis, Get("source"), Get("url"), Get("published"), Get("note"), line));
        }

        return new PriceHistory(prices);
    }
}
