using Parity.Analysis;
using Parity.Evidence;

namespace Parity.Claims;

/// <summary>
/// The data claims are checked against, as of one moment: the leaderboard series per board (snapshots on or before
/// it), the API prices in force then, the evidence series published by then, and training facts. The report and
/// <c>parity claims check</c> build it from the shipped data; tests build it from small records.
/// </summary>
public sealed class ClaimData
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> _boards;
    private readonly ClaimPrices _prices;
    private readonly Func<string, IReadOnlyList<TrainingFact>> _training;
    private readonly Func<string, string?>? _catalogId;

    /// <param name="boards">Snapshots per board name (<c>text</c>, <c>text-style-control</c>), one per date.</param>
    /// <param name="prices">Every price quote for a model id (empty when unknown), in force at every moment.</param>
    /// <param name="training">Training facts for a model id (empty when unknown).</param>
    /// <param name="catalogId">The catalog id of a leaderboard key or alias; null when unknown.</param>
    public ClaimData(
        IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> boards,
        Func<string, IReadOnlyList<PricePoint>> prices,
        Func<string, IReadOnlyList<TrainingFact>> training,
        Func<string, string?>? catalogId = null)
        : this(boards, ClaimPrices.Undated(prices), training, catalogId, null, null)
    {
    }

    /// <param name="boards">Every snapshot per board.</param>
    /// <param name="prices">Prices by moment.</param>
    /// <param name="training">Training facts for a model id.</param>
    /// <param name="catalogId">The catalog id of a leaderboard key or alias.</param>
    /// <param name="evidence">The evidence series, or null when none are loaded.</param>
    /// <param name="asOf">The moment the data are taken at; null for the newest data.</param>
    public ClaimData(
        IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> boards,
        ClaimPrices prices,
        Func<string, IReadOnlyList<TrainingFact>> training,
        Func<string, string?>? catalogId,
        EvidenceSet? evidence,
        DateTimeOffset? asOf)
    {
        _boards = boards;
        _prices = prices;
        _training = training;
        _catalogId = catalogId;
        Evidence = evidence ?? new EvidenceSet(new Dictionary<string, IReadOnlyList<EvidenceRow>>());
        AsOf = asOf;
    }

    /// <summary>The moment the data are taken at; null for the newest.</summary>
    public DateTimeOffset? AsOf { get; }

    /// <summary>The as-of day, or null for the newest data.</summary>
    public DateOnly? AsOfDate => AsOf is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : null;

    /// <summary>The evidence series (every row; <see cref="Rows"/> filters by the as-of date).</summary>
    public EvidenceSet Evidence { get; }

    /// <summary>The prices by moment.</summary>
    public ClaimPrices PriceSource => _prices;

    /// <summary>Every board with all its snapshots.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> Boards => _boards;

    /// <summary>The same data as of another moment.</summary>
    public ClaimData At(DateTimeOffset? asOf) => new(_boards, _prices, _training, _catalogId, Evidence, asOf);

    /// <summary>The series of a board up to the as-of date; error naming the claim when the board is unknown.</summary>
    public IReadOnlyList<RatingSnapshot> Series(ClaimTest claim, string board)
    {
        if (!_boards.TryGetValue(board, out var series) || series.Count == 0)
        {
            throw claim.Error($"board '{board}' has no snapshots (known: {string.Join(", ", _boards.Keys)})");
        }

        var upTo = AsOfDate is { } d ? series.Where(s => s.Date <= d).ToList() : series;
        return upTo.Count > 0 ? upTo : throw claim.NotYet($"the {board} board has no snapshot on or before {AsOfDate:yyyy-MM-dd} (first: {series[0].Date:yyyy-MM-dd})");
    }

    /// <summary>The snapshot of a board at a date (newest up to the as-of date when null); error naming the claim when that date has none.</summary>
    public RatingSnapshot Snapshot(ClaimTest claim, string board, DateOnly? date)
    {
        if (date is null)
        {
            return Series(claim, board)[^1];
        }

        if (!_boards.TryGetValue(board, out var all) || all.Count == 0)
        {
            throw claim.Error($"board '{board}' has no snapshots (known: {string.Join(", ", _boards.Keys)})");
        }

        var snapshot = all.FirstOrDefault(s => s.Date == date)
            ?? throw claim.Error($"board '{board}' has no snapshot dated {date:yyyy-MM-dd}; nearest: {Nearest(all, date.Value)}");
        return AsOfDate is { } asOf && snapshot.Date > asOf
            ? throw claim.NotYet($"the {board} snapshot of {date:yyyy-MM-dd} the reading names is after the as-of date {asOf:yyyy-MM-dd}")
            : snapshot;
    }

    /// <summary>
    /// The models of a snapshot a pattern names: leaderboard keys (a trailing <c>*</c> takes every variant), else every
    /// entry of the catalog model the name refers to; error naming the claim when none matches.
    /// </summary>
    public IReadOnlyList<RatedModel> Models(ClaimTest claim, RatingSnapshot snapshot, string pattern)
    {
        var found = snapshot.Models.Where(m => ModelKeys.Matches(m.Key, pattern)).ToList();
        if (found.Count == 0 && _catalogId is not null && !pattern.EndsWith('*') && _catalogId(pattern) is { } id)
        {
            found = snapshot.Models.Where(m => _catalogId(m.Key) == id).ToList();
        }

        return found.Count > 0
            ? found
            : throw claim.Error($"field 'models': model '{pattern}' is not on the {snapshot.Board} board of {snapshot.Date:yyyy-MM-dd} ({snapshot.Source})");
    }

    /// <summary>True when the name is a catalog model, or a key on some snapshot of some board.</summary>
    public bool KnowsModel(string pattern) =>
        (_catalogId is not null && !pattern.EndsWith('*') && _catalogId(pattern) is not null)
        || _boards.Values.Any(series => series.Any(s => s.Models.Any(m => ModelKeys.Matches(m.Key, pattern))))
        || _prices.Known(pattern);

    /// <summary>Price quotes of a model in force at the as-of moment; error when Parity never had a price, "not yet" when none was in force then.</summary>
    public IReadOnlyList<PricePoint> Prices(ClaimTest claim, string model)
    {
        var quotes = _prices.At(model, AsOf);
        if (quotes.Count > 0)
        {
            return quotes;
        }

        return _prices.Known(model)
            ? throw claim.NotYet($"no list price of '{model}' in force on {AsOf:yyyy-MM-dd HH:mm} UTC")
            : throw claim.Error($"model '{model}' has no price in the catalog");
    }

    /// <summary>The rows of an evidence series published by the as-of date that match every (column, value) pair.</summary>
    public IReadOnlyList<EvidenceRow> Rows(ClaimTest claim, string series, IReadOnlyDictionary<string, string> where)
    {
        if (!Evidence.Has(series))
        {
            throw claim.Error($"field 'series': unknown series '{series}' (known: {string.Join(", ", Evidence.Names)})");
        }

        var matching = Evidence.All(series).Where(r => where.All(w => string.Equals(r[w.Key], w.Value, StringComparison.OrdinalIgnoreCase))).ToList();
        if (matching.Count == 0)
        {
            throw claim.Error($"field 'where': no row of series '{series}' has {string.Join(", ", where.Select(w => $"{w.Key} = '{w.Value}'"))}");
        }

        var known = AsOfDate is { } d ? matching.Where(r => r.Available <= d).ToList() : matching;
        return known.Count > 0 ? known : throw claim.NotYet($"the {series} figure ({string.Join(", ", where.Values)}) was published only on {matching.Min(r => r.Available):yyyy-MM-dd}");
    }

    /// <summary>Training facts of a model (may be empty).</summary>
    public IReadOnlyList<TrainingFact> Training(string model) => _training(model);

    private static string Nearest(IReadOnlyList<RatingSnapshot> series, DateOnly date) =>
        string.Join(", ", series.OrderBy(s => Math.Abs(s.Date.DayNumber - date.DayNumber)).Take(3).Select(s => s.Date.ToString("yyyy-MM-dd")));
}
