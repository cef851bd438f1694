namespace Parity.Arena;

/// <summary>One model's row of a leaderboard computed from votes.</summary>
/// <param name="Model">The model name as in the votes.</param>
/// <param name="Rating">Point estimate on LMArena's scale (full-data fit).</param>
/// <param name="Lower">2.5th percentile (or lower sandwich bound); null without intervals.</param>
/// <param name="Upper">97.5th percentile (or upper sandwich bound).</param>
/// <param name="Votes">Battles the model appears in, as a or b.</param>
/// <param name="Rank">Position by rating, 1 = best.</param>
/// <param name="RankBest">LMArena's "Rank (UB)": 1 + the number of models whose lower bound is above this model's upper bound.</param>
/// <param name="RankWorst">1 + the number of other models whose upper bound is above this model's lower bound.</param>
/// <param name="Variance">Bootstrap variance of the rating (points²), or the sandwich variance.</param>
public sealed record ArenaRating(string Model, double Rating, double? Lower, double? Upper, int Votes, int Rank, int? RankBest, int? RankWorst, double? Variance);
