using Parity.Analysis;
using Parity.Arena;
using Parity.Catalog;

namespace Parity.Reports;

/// <summary>
/// The shipped leaderboard history (<see cref="LeaderboardHistory"/>, curated by the arena capability) as the
/// analysis's snapshots per board.
/// </summary>
public static class ShippedHistory
{
    public static IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> Load() => From(LeaderboardHistory.LoadShipped(OrganizationTable.LoadShipped()));

    /// <summary>Converts a loaded history.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> From(LeaderboardHistory history) =>
        history.Boards.ToDictionary(
            b => b,
            b => (IReadOnlyList<RatingSnapshot>)history.Snapshots(b)
                .Select(s => new RatingSnapshot(s.Date, s.Source, s.Board, s.Method,
                    s.Entries.Select(e => new RatedModel(e.ModelKey, e.DisplayName, e.Rating, e.Lower, e.Upper, e.Organization, e.Country, e.OpenWeights, e.Votes)).ToList()))
                .ToList());
}
