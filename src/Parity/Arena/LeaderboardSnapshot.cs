namespace Parity.Arena;

/// <summary>
/// One published leaderboard on one date, from one source, computed with one method. Scores are
/// comparable only inside a snapshot: anchors and methods changed between eras.
/// </summary>
/// <param name="Date">The leaderboard date (the source's snapshot date).</param>
/// <param name="Source">Repository and file the numbers came from.</param>
/// <param name="Board"><c>text</c> or <c>text-style-control</c>.</param>
/// <param name="Method">How LMArena computed this board's scores, as the source's era had it.</param>
/// <param name="Entries">Models, best first.</param>
public sealed record LeaderboardSnapshot(DateOnly Date, string Source, string Board, string Method, IReadOnlyList<LeaderboardEntry> Entries);
