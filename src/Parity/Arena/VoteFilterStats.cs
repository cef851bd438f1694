namespace Parity.Arena;

/// <summary>How many rows a load read, and how many each filter dropped.</summary>
public sealed record VoteFilterStats(
    long Read,
    long Kept,
    long NotAnonymous,
    long NotSampled,
    long OtherLanguage,
    long OutsideDates,
    long OtherCategory,
    long SelfBattles,
    long BelowMinVotes);
