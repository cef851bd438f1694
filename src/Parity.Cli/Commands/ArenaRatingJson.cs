using Parity.Arena;

namespace Parity.Cli.Commands;

/// <summary>The JSON shape of one leaderboard row (<c>--format json</c>).</summary>
internal sealed record ArenaRatingJson(
    int Rank,
    int? RankBest,
    int? RankWorst,
    string Model,
    double Rating,
    double? Lower,
    double? Upper,
    int Votes,
    double? Variance,
    IReadOnlyList<ArenaVersusJson>? Versus)
{
    public static List<ArenaRatingJson> From(ArenaLeaderboard board)
    {
        var versus = board.Matrix?.GroupBy(r => r.Model).ToDictionary(g => g.Key, g => g.Select(r => new ArenaVersusJson(r.Opponent, r.Predicted, r.Observed, r.Battles)).ToList());
        return board.Ratings.Select(r => new ArenaRatingJson(r.Rank, r.RankBest, r.RankWorst, r.Model, r.Rating, r.Lower, r.Upper, r.Votes, r.Variance, versus?[r.Model])).ToList();
    }
}
