namespace Parity.Arena;

/// <summary>A leaderboard computed from votes, best first, with how it was computed.</summary>
public sealed record ArenaLeaderboard(
    IReadOnlyList<ArenaRating> Ratings,
    RatingMethod Method,
    IntervalMethod Interval,
    int BootstrapRounds,
    VoteFilterStats Stats,
    IReadOnlyList<StyleCoefficient>? StyleCoefficients,
    IReadOnlyList<PairwiseWinRate>? Matrix,
    double? MaxGradient,
    int? Iterations);
