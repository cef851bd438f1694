using Parity.Analysis;

namespace Parity.Reports;

/// <summary>Turns one leaderboard snapshot (catalog facts already filled in, see <see cref="ReportBuilder.ClaimSeries"/>) into ranked rows with prices and architecture.</summary>
public static class LeaderboardBuilder
{
    /// <summary>Every model of <paramref name="snapshot"/>, best first, with LMArena's rank upper bound and the catalog's price and architecture.</summary>
    public static IReadOnlyList<LeaderboardRow> Rows(RatingSnapshot snapshot, Func<string, ModelFacts?> lookup)
    {
        var ordered = snapshot.Models.OrderByDescending(m => m.Rating).ThenBy(m => m.Key, StringComparer.Ordinal).ToList();
        // Rank (UB) = 1 + models whose lower bound is above this one's upper bound: count with a sorted array of lower bounds.
        var lowers = ordered.Select(m => m.Lower ?? m.Rating).Order().ToArray();
        var rows = new List<LeaderboardRow>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var m = ordered[i];
            var upper = m.Upper ?? m.Rating;
            var above = lowers.Length - UpperBound(lowers, upper);
            var facts = lookup(m.Key);
            var price = facts?.Prices.FirstOrDefault(p => p.InputPerMillion > 0 || p.OutputPerMillion > 0);
            var arch = facts?.Architecture;
            rows.Add(new LeaderboardRow(
                i + 1,
                1 + above,
                m.Key,
                m.Name,
                facts?.Id,
                m.Rating,
                m.Lower,
                m.Upper,
                m.Votes,
                m.Organization,
                m.Country,
                m.OpenWeights,
                arch?.Kind,
                arch?.TotalParamsB,
                arch?.ActiveParamsB,
                price?.Blended,
                price?.InputPerMillion,
                price?.OutputPerMillion,
                price?.Source,
                price?.Date));
        }

        return rows;
    }

    /// <summary>Index of the first element strictly greater than <paramref name="value"/>.</summary>
    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
