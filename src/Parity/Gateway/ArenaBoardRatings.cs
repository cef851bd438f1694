namespace Parity.Gateway;

/// <summary>
/// The newest shipped snapshot of one LMArena board, keyed by Parity catalog id: what a
/// <c>cheapest-meeting</c> route's <c>arena</c> minimum is checked against when the config gives a
/// model no score of its own.
/// </summary>
/// <param name="Board">The board (<c>text</c> or <c>text-style-control</c>).</param>
/// <param name="Date">The snapshot's date.</param>
/// <param name="ByCatalogId">Rating and LMArena model key per catalog id.</param>
internal sealed record ArenaBoardRatings(string Board, DateOnly Date, IReadOnlyDictionary<string, ArenaBoardRating> ByCatalogId)
{
    /// <summary>A short description for messages, e.g. <c>LMArena text board, 2025-12-11</c>.</summary>
    public string Describe() => $"LMArena {Board} board, {Date:yyyy-MM-dd}";
}
