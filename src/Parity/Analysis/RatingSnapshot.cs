namespace Parity.Analysis;

/// <summary>One published leaderboard at one date, from one source, on one board and method.</summary>
/// <param name="Date">The leaderboard date.</param>
/// <param name="Source">Where it came from (repository and file), cited beside every number taken from it.</param>
/// <param name="Board"><c>text</c> or <c>text-style-control</c>.</param>
/// <param name="Method">How the scores were computed (e.g. "BT, 95% bootstrap CI").</param>
/// <param name="Models">The rated models.</param>
public sealed record RatingSnapshot(
    DateOnly Date,
    string Source,
    string Board,
    string Method,
    IReadOnlyList<RatedModel> Models)
{
    /// <summary>The highest-rated model that satisfies <paramref name="member"/>, or null when none does.</summary>
    public RatedModel? Best(Func<RatedModel, bool> member)
    {
        RatedModel? best = null;
        foreach (var model in Models)
        {
            if (member(model) && (best is null || model.Rating > best.Rating))
            {
                best = model;
            }
        }

        return best;
    }

    /// <summary>Finds a model by its key (case, dots, dashes and underscores ignored), or null.</summary>
    public RatedModel? Find(string key)
    {
        var wanted = ModelKeys.Normalize(key);
        return Models.FirstOrDefault(m => ModelKeys.Normalize(m.Key) == wanted);
    }
}
