using Parity.Analysis;

namespace Parity.Server.Dashboard;

/// <summary>
/// <c>GET /api/model/{id}</c>: every catalog fact of one model (as <c>parity models show --format json</c> prints it),
/// its price history (every dated price rule of every offer) and its rating history on both boards. The id is a
/// catalog id, any alias, or a leaderboard key the catalog does not know (then only the ratings).
/// </summary>
internal static class ModelApi
{
    public static byte[]? Answer(DashboardData data, string id, IQueryCollection query)
    {
        _ = new QueryReader(query);
        var answer = data.Cached("model|" + id, () => Compute(data, id) ?? []);
        return answer.Length == 0 ? null : answer;
    }

    private static byte[]? Compute(DashboardData data, string id)
    {
        var model = data.Catalog.Find(id);
        var wanted = ModelKeys.Normalize(id);
        bool Matches(RatedModel m) => model is not null ? data.Inputs.Lookup(m.Key)?.Id == model.Id : ModelKeys.Normalize(m.Key) == wanted;

        var ratings = data.Series.SelectMany(kv => kv.Value.SelectMany(s => s.Models.Where(Matches).Select(m => new
        {
            board = kv.Key,
            date = s.Date,
            key = m.Key,
            rating = m.Rating,
            lower = m.Lower,
            upper = m.Upper,
            votes = m.Votes,
            rank = 1 + s.Models.Count(o => o.Rating > m.Rating),
            of = s.Models.Count,
            source = s.Source,
        }))).OrderBy(r => r.board, StringComparer.Ordinal).ThenBy(r => r.date).ThenBy(r => r.key, StringComparer.Ordinal).ToList();
        if (model is null && ratings.Count == 0)
        {
            return null;
        }

        var prices = model?.Offers.SelectMany(o => o.Schedule.Rules
            .Where(r => r.WindowStart is null)
            .Select(r => new
            {
                provider = o.Provider,
                firstParty = o.FirstParty,
                from = r.StartDate,
                input = r.Prices.Input?.Base,
                output = r.Prices.Output?.Base,
                cachedInput = r.Prices.CachedInput?.Base,
                source = o.Source.Name,
                sourceDate = o.Source.Date,
                url = o.Source.Url,
            }))
            .OrderByDescending(p => p.firstParty).ThenBy(p => p.provider, StringComparer.Ordinal).ThenBy(p => p.from ?? DateOnly.MinValue)
            .ToList();
        return DashboardJson.Bytes(new
        {
            data = data.Freshness(),
            id = model?.Id ?? id,
            name = model?.Name ?? ratings[^1].key,
            inCatalog = model is not null,
            catalog = model,
            facts = model is null ? null : data.Inputs.Lookup(model.Id),
            priceHistory = prices,
            ratings,
        });
    }
}
