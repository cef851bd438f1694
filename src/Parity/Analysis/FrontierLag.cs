namespace Parity.Analysis;

/// <summary>
/// How many months one group's frontier trails another's: on the newest snapshot, the earliest date on
/// which any leading-group model that now rates at least the trailing group's best score first appeared on
/// the leaderboard. All ratings compared are on the newest snapshot's own scale, so the anchor changes
/// between eras do not enter; the history is used only for when each model first appeared.
/// </summary>
/// <param name="AsOf">The newest snapshot's date.</param>
/// <param name="Target">The trailing group's best model on that snapshot.</param>
/// <param name="Reacher">The leading-group model that first reached the target's score, or null when none has.</param>
/// <param name="ReachedOn">When <paramref name="Reacher"/> first appeared on the leaderboard.</param>
/// <param name="Months">Months from <paramref name="ReachedOn"/> to <paramref name="AsOf"/> (0 when no leading model reaches the target).</param>
/// <param name="MonthsLow">Months when the target is taken at its interval's upper end (fewer or equal models reach it).</param>
/// <param name="MonthsHigh">Months when the target is taken at its interval's lower end.</param>
/// <param name="HistoryStart">The first snapshot of the history: a model first seen then may be older, so the lag is at least the figure.</param>
public sealed record FrontierLag(
    DateOnly AsOf,
    RatedModel Target,
    RatedModel? Reacher,
    DateOnly? ReachedOn,
    double Months,
    double MonthsLow,
    double MonthsHigh,
    DateOnly HistoryStart)
{
    /// <summary>True when the reaching model was already on the first snapshot of the history, so the true lag may be longer.</summary>
    public bool Censored => ReachedOn == HistoryStart;

    private const double DaysPerMonth = 365.2425 / 12;

    /// <summary>How the figure is computed.</summary>
    public const string MethodText =
        "On the newest snapshot, take the trailing group's best score; among the leading group's models rated at least that high on the same snapshot, " +
        "find the one that appeared on the leaderboard first (earliest date its key occurs in the board's history). The lag is the time since then. " +
        "The range repeats this with the target at the ends of its 95% interval. A model renamed between versions (preview keys) counts from its current key's first appearance, so the lag is a lower bound.";

    /// <summary>Computes the lag; null when either group has no model on <paramref name="newest"/>.</summary>
    public static FrontierLag? Compute(RatingSnapshot newest, IEnumerable<RatingSnapshot> history, ModelGroup leading, ModelGroup trailing)
    {
        var target = newest.Best(trailing.Contains);
        if (target is null || newest.Best(leading.Contains) is null)
        {
            return null;
        }

        var firstSeen = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var start = newest.Date;
        foreach (var snapshot in history.Append(newest))
        {
            start = snapshot.Date < start ? snapshot.Date : start;
            foreach (var model in snapshot.Models)
            {
                var key = ModelKeys.Normalize(model.Key);
                if (!firstSeen.TryGetValue(key, out var seen) || snapshot.Date < seen)
                {
                    firstSeen[key] = snapshot.Date;
                }
            }
        }

        (RatedModel? Model, DateOnly? Date) Earliest(double score)
        {
            RatedModel? reacher = null;
            DateOnly? date = null;
            foreach (var model in newest.Models.Where(m => leading.Contains(m) && m.Rating >= score))
            {
                var seen = firstSeen[ModelKeys.Normalize(model.Key)];
                if (date is null || seen < date)
                {
                    reacher = model;
                    date = seen;
                }
            }

            return (reacher, date);
        }

        double MonthsSince(DateOnly? date) => date is null ? 0 : Math.Max(0, (newest.Date.DayNumber - date.Value.DayNumber) / DaysPerMonth);

        var (reacherModel, reachedOn) = Earliest(target.Rating);
        var low = Earliest(target.Upper ?? target.Rating).Date;
        var high = Earliest(target.Lower ?? target.Rating).Date;
        return new FrontierLag(newest.Date, target, reacherModel, reachedOn, MonthsSince(reachedOn), MonthsSince(low), MonthsSince(high), start);
    }
}
