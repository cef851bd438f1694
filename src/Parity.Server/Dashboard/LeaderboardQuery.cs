using Parity.Reports;

namespace Parity.Server.Dashboard;

/// <summary>The leaderboard's parameters: board and snapshot, filters and sort, as the page's address keeps them.</summary>
internal sealed record LeaderboardQuery(
    string Board,
    DateOnly? Snapshot,
    string? Origin,
    bool? Open,
    string? Vendor,
    string? Arch,
    double? MinPrice,
    double? MaxPrice,
    string? Search,
    string Sort,
    bool Descending)
{
    public static readonly string[] Parameters = ["board", "snapshot", "origin", "open", "vendor", "arch", "minPrice", "maxPrice", "q", "sort", "dir"];

    /// <summary>The columns one can sort by (the JSON names of <see cref="LeaderboardRow"/>).</summary>
    public static readonly string[] SortColumns =
        ["rank", "rankUpper", "name", "rating", "lower", "upper", "votes", "organization", "country", "openWeights", "architecture", "totalParamsB", "activeParamsB", "blendedPrice", "inputPrice", "outputPrice"];

    public static LeaderboardQuery Parse(IQueryCollection query)
    {
        var q = new QueryReader(query, Parameters);
        var min = q.Number("minPrice", 0);
        var max = q.Number("maxPrice", 0);
        if (min is not null && max is not null && min > max)
        {
            throw new BadQueryException("minPrice", $"minPrice {min} is above maxPrice {max}.");
        }

        var sort = q.Choice("sort", "rank", SortColumns);
        var dir = q.Choice("dir", DefaultDescending(sort) ? "desc" : "asc", ["asc", "desc"]);
        var origin = q.Text("origin")?.ToUpperInvariant();
        if (origin is not null && (origin.Length != 2 || !origin.All(char.IsAsciiLetter)) && origin != "UNKNOWN")
        {
            throw new BadQueryException("origin", $"parameter 'origin' is '{q.Text("origin")}'; expected a country code (US, CN, FR, …) or 'unknown'.");
        }

        return new LeaderboardQuery(
            q.Choice("board", "text", ReportBuilder.BoardNames),
            q.Date("snapshot"),
            origin,
            q.Flag("open"),
            q.Text("vendor"),
            q.Choice("arch", "", ["", "moe", "dense", "unknown"]) is { Length: > 0 } a ? a : null,
            min,
            max,
            q.Text("q"),
            sort,
            dir == "desc");
    }

    /// <summary>Scores, votes and sizes read best-first; ranks, names and prices read smallest-first.</summary>
    private static bool DefaultDescending(string sort) => sort is "rating" or "lower" or "upper" or "votes" or "totalParamsB" or "activeParamsB";

    /// <summary>A canonical text of the query, for the answer cache.</summary>
    public string Key => string.Join('|', Board, Snapshot, Origin, Open, Vendor?.ToLowerInvariant(), Arch, MinPrice, MaxPrice, Search?.ToLowerInvariant(), Sort, Descending);

    /// <summary>The rows that pass the filters, in the asked order (rows without the sorted value last).</summary>
    public IReadOnlyList<LeaderboardRow> Apply(IReadOnlyList<LeaderboardRow> rows)
    {
        IEnumerable<LeaderboardRow> kept = rows;
        if (Origin is { } origin)
        {
            kept = origin == "UNKNOWN" ? kept.Where(r => r.Country is null) : kept.Where(r => r.Country == origin);
        }

        if (Open is { } open)
        {
            kept = kept.Where(r => r.OpenWeights == open);
        }

        if (Vendor is { } vendor)
        {
            kept = kept.Where(r => string.Equals(r.Organization, vendor, StringComparison.OrdinalIgnoreCase));
        }

        if (Arch is { } arch)
        {
            kept = arch == "unknown" ? kept.Where(r => r.Architecture is null) : kept.Where(r => r.Architecture == arch);
        }

        if (MinPrice is { } min)
        {
            kept = kept.Where(r => r.BlendedPrice >= min);
        }

        if (MaxPrice is { } max)
        {
            kept = kept.Where(r => r.BlendedPrice <= max);
        }

        if (Search is { } text)
        {
            kept = kept.Where(r => r.Key.Contains(text, StringComparison.OrdinalIgnoreCase) || r.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                || (r.Organization?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false) || (r.CatalogId?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false));
        }

        var list = kept.ToList();
        if (Sort == "rank" && !Descending)
        {
            return list;
        }

        var known = list.Where(r => Value(r) is not null).ToList();
        var ordered = Descending
            ? known.OrderByDescending(Value, Comparer<IComparable?>.Default).ThenBy(r => r.Rank)
            : known.OrderBy(Value, Comparer<IComparable?>.Default).ThenBy(r => r.Rank);
        return [.. ordered, .. list.Where(r => Value(r) is null)];
    }

    private IComparable? Value(LeaderboardRow r) => Sort switch
    {
        "rank" => r.Rank,
        "rankUpper" => r.RankUpper,
        "name" => r.Name.ToLowerInvariant(),
        "rating" => r.Rating,
        "lower" => r.Lower,
        "upper" => r.Upper,
        "votes" => r.Votes,
        "organization" => r.Organization?.ToLowerInvariant(),
        "country" => r.Country,
        "openWeights" => r.OpenWeights,
        "architecture" => r.Architecture,
        "totalParamsB" => r.TotalParamsB,
        "activeParamsB" => r.ActiveParamsB,
        "blendedPrice" => r.BlendedPrice,
        "inputPrice" => r.InputPrice,
        _ => r.OutputPrice,
    };
}
