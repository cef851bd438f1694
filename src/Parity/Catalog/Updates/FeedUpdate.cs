namespace Parity.Catalog.Updates;

/// <summary>What one source's update did, in one line (<see cref="Summary"/>) and as fields for scripts.</summary>
/// <param name="Source">The feed's name.</param>
/// <param name="Url">Where it was downloaded from.</param>
/// <param name="Outcome"><c>imported</c>, <c>not-modified</c> (the server said 304), <c>unchanged</c> (same bytes as an earlier import), <c>skipped</c> or <c>failed</c>.</param>
/// <param name="Summary">The line <c>parity update</c> prints for the source.</param>
/// <param name="Records">Records in the feed (imports only).</param>
/// <param name="Unmatched">Names in the feed that match no catalog model: new models, or spellings the alias table lacks.</param>
/// <param name="PriceChanges">List prices that differ from before the import.</param>
/// <param name="File">The downloaded copy kept beside the store (imports only).</param>
/// <param name="NewModels">Leaderboards: the model keys the board's previous snapshot did not have.</param>
/// <param name="RatingMoves">Leaderboards: the scores that left the interval they had on the previous snapshot.</param>
public sealed record FeedUpdate(
    string Source,
    string Url,
    string Outcome,
    string Summary,
    int Records = 0,
    IReadOnlyList<string>? Unmatched = null,
    IReadOnlyList<PriceChange>? PriceChanges = null,
    string? File = null,
    IReadOnlyList<string>? NewModels = null,
    IReadOnlyList<RatingMove>? RatingMoves = null)
{
    public bool Failed => Outcome == "failed";
}
