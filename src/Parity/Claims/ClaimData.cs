using Parity.Analysis;

namespace Parity.Claims;

/// <summary>
/// The data claims are checked against: the leaderboard series per board (one source per date), API prices
/// per model from every price source, and training facts. The report and <c>parity claims check</c> build it
/// from the shipped data; tests build it from small records.
/// </summary>
public sealed class ClaimData
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> _boards;
    private readonly Func<string, IReadOnlyList<PricePoint>> _prices;
    private readonly Func<string, IReadOnlyList<TrainingFact>> _training;
    private readonly Func<string, string?>? _catalogId;

    /// <param name="boards">Snapshots per board name (<c>text</c>, <c>text-style-control</c>), one per date.</param>
    /// <param name="prices">Every price quote for a model id (empty when unknown).</param>
    /// <param name="training">Training facts for a model id (empty when unknown).</param>
    /// <param name="catalogId">The catalog id of a leaderboard key or alias, so that a claim can name "claude-opus-4-5" for every leaderboard entry of that model; null when unknown.</param>
    public ClaimData(
        IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> boards,
        Func<string, IReadOnlyList<PricePoint>> prices,
        Func<string, IReadOnlyList<TrainingFact>> training,
        Func<string, string?>? catalogId = null)
    {
        _boards = boards;
        _prices = prices;
        _training = training;
        _catalogId = catalogId;
    }

    /// <summary>The series of a board; error naming the claim when the board is unknown.</summary>
    public IReadOnlyList<RatingSnapshot> Series(Claim claim, string board) =>
        _boards.TryGetValue(board, out var series) && series.Count > 0
            ? series
            : throw claim.Error($"board '{board}' has no snapshots (known: {string.Join(", ", _boards.Keys)})");

    /// <summary>The snapshot of a board at a date (newest when null); error naming the claim when that date has none.</summary>
    public RatingSnapshot Snapshot(Claim claim, string board, DateOnly? date)
    {
        var series = Series(claim, board);
        if (date is null)
        {
            return series[^1];
        }

        return series.FirstOrDefault(s => s.Date == date)
            ?? throw claim.Error($"board '{board}' has no snapshot dated {date:yyyy-MM-dd}; nearest: {Nearest(series, date.Value)}");
    }

    /// <summary>
    /// The models of a snapshot a pattern names: leaderboard keys (a trailing <c>*</c> takes every variant), else every
    /// entry of the catalog model the name refers to; error naming the claim when none matches.
    /// </summary>
    public IReadOnlyList<RatedModel> Models(Claim claim, RatingSnapshot snapshot, string pattern)
    {
        var found = snapshot.Models.Where(m => ModelKeys.Matches(m.Key, pattern)).ToList();
        if (found.Count == 0 && _catalogId is not null && !pattern.EndsWith('*') && _catalogId(pattern) is { } id)
        {
            found = snapshot.Models.Where(m => _catalogId(m.Key) == id).ToList();
        }

        return found.Count > 0
            ? found
            : throw claim.Error($"model '{pattern}' is not on the {snapshot.Board} board of {snapshot.Date:yyyy-MM-dd} ({snapshot.Source})");
    }

    /// <summary>Price quotes of a model; error naming the claim when there are none.</summary>
    public IReadOnlyList<PricePoint> Prices(Claim claim, string model)
    {
        var quotes = _prices(model);
        return quotes.Count > 0 ? quotes : throw claim.Error($"model '{model}' has no price in the catalog");
    }

    /// <summary>Training facts of a model (may be empty).</summary>
    public IReadOnlyList<TrainingFact> Training(string model) => _training(model);

    private static string Nearest(IReadOnlyList<RatingSnapshot> series, DateOnly date) =>
        string.Join(", ", series.OrderBy(s => Math.Abs(s.Date.DayNumber - date.DayNumber)).Take(3).Select(s => s.Date.ToString("yyyy-MM-dd")));
}
