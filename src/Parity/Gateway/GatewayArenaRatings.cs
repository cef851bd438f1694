using System.Collections.Concurrent;
using Parity.Arena;
using Parity.Catalog;

namespace Parity.Gateway;

/// <summary>
/// Arena ratings from Parity's shipped leaderboard history, matched to catalog models: each
/// LMArena key of the board's newest snapshot is looked up in the catalog (which knows LMArena keys
/// as aliases). When several keys map to one catalog model (e.g. <c>gpt-5-high</c> and <c>gpt-5-chat</c>), the
/// key equal to the catalog id wins, otherwise the lowest-rated one: a bar counts as met only if every
/// variant the catalog folds into that model meets it. Loaded once per board, at config load.
/// </summary>
internal static class GatewayArenaRatings
{
    private static readonly Lazy<LeaderboardHistory> History = new(() => LeaderboardHistory.LoadShipped(OrganizationTable.LoadShipped()));
    private static readonly ConcurrentDictionary<string, ArenaBoardRatings> Boards = new(StringComparer.Ordinal);

    /// <summary>The newest snapshot of <paramref name="board"/>; throws <see cref="ParityException"/> for an unknown board.</summary>
    public static ArenaBoardRatings For(string board) => Boards.GetOrAdd(board, Build);

    private static ArenaBoardRatings Build(string board)
    {
        var snapshots = History.Value.Snapshots(board);
        if (snapshots.Count == 0)
        {
            throw new ParityException($"Parity's shipped leaderboard history has no '{board}' snapshot.");
        }

        var newest = snapshots[^1];
        var byId = new Dictionary<string, ArenaBoardRating>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in newest.Entries)
        {
            if (GatewayCatalog.Find(entry.ModelKey) is not { } model)
            {
                continue;
            }

            // Entries are best first, so a later entry for the same model is a lower-rated variant.
            var exact = string.Equals(entry.ModelKey, model.Id, StringComparison.OrdinalIgnoreCase);
            if (!byId.TryGetValue(model.Id, out var existing) || exact || !string.Equals(existing.ModelKey, model.Id, StringComparison.OrdinalIgnoreCase))
            {
                byId[model.Id] = new ArenaBoardRating(entry.Rating, entry.ModelKey);
            }
        }

        return new ArenaBoardRatings(board, newest.Date, byId);
    }
}
