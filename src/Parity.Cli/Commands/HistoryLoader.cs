using System.CommandLine;
using Parity.Arena;
using Parity.Catalog;
using Parity.Storage;

namespace Parity.Cli.Commands;

/// <summary>
/// Loads the leaderboard history for a command: the shipped snapshots (<c>data/arena</c>), with the boards
/// <c>parity update --source arena</c> stored added when the store file exists (it is not created just to read) — the
/// same history <c>parity serve</c> shows.
/// </summary>
internal static class HistoryLoader
{
    public static LeaderboardHistory Load(ParseResult parseResult)
    {
        var orgs = OrganizationTable.LoadShipped();
        var shipped = LeaderboardHistory.LoadShipped(orgs);
        var db = parseResult.GetValue(GlobalOptions.Db);
        if (string.IsNullOrEmpty(db) || !File.Exists(db))
        {
            return shipped;
        }

        using var store = ParityStore.OpenSqlite(db);
        return shipped.With(ArenaSnapshotStore.Load(store, orgs));
    }
}
