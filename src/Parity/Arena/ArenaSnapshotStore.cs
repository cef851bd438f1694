using System.Globalization;
using Dapper;
using Parity.Catalog;
using Parity.Storage;

namespace Parity.Arena;

/// <summary>
/// The leaderboard snapshots kept in the store (downloaded by <c>parity update --source arena</c>), next to the shipped
/// history in <c>data/arena</c>. A snapshot is written in one transaction with all its entries; a board has at most one
/// stored snapshot per date (a second download on the same day with other content replaces the first).
/// </summary>
public static class ArenaSnapshotStore
{
    /// <summary>How LMArena's arena-catalog files compute their scores (the shipped rows of the same source say the same).</summary>
    public const string CatalogMethod = "BT (published, unrounded)";

    /// <summary>Whether a file with this SHA-256 was imported before (then its date), or null.</summary>
    public static string? ImportedDate(ParityStore store, string sha256) =>
        store.Connection.QuerySingleOrDefault<string>("SELECT snapshot_date FROM arena_snapshots WHERE sha256 = @sha256", new { sha256 });

    /// <summary>Writes <paramref name="snapshot"/> whole; the organization and licence of each entry come from the snapshot itself.</summary>
    public static long Import(ParityStore store, LeaderboardSnapshot snapshot, string url, string sha256)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(snapshot);
        var connection = store.Connection;
        var date = snapshot.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var tx = connection.BeginTransaction();
        connection.Execute("DELETE FROM arena_entries WHERE snapshot_id IN (SELECT id FROM arena_snapshots WHERE board = @board AND snapshot_date = @date)",
            new { board = snapshot.Board, date }, tx);
        connection.Execute("DELETE FROM arena_snapshots WHERE board = @board AND snapshot_date = @date", new { board = snapshot.Board, date }, tx);
        var id = connection.ExecuteScalar<long>(
            """
            INSERT INTO arena_snapshots (board, snapshot_date, source, method, url, sha256, imported_at, model_count)
            VALUES (@board, @date, @source, @method, @url, @sha256, @at, @count)
            RETURNING id
            """,
            new
            {
                board = snapshot.Board,
                date,
                source = snapshot.Source,
                method = snapshot.Method,
                url,
                sha256,
                at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                count = snapshot.Entries.Count,
            },
            tx);
        connection.Execute(
            "INSERT INTO arena_entries (snapshot_id, model_key, rating, lower, upper, organization, license) VALUES (@id, @ModelKey, @Rating, @Lower, @Upper, @Organization, @License)",
            snapshot.Entries.Select(e => new { id, e.ModelKey, e.Rating, e.Lower, e.Upper, e.Organization, e.License }),
            tx);
        tx.Commit();
        return id;
    }

    /// <summary>How many snapshots the store holds and the newest id, for change detection (<c>0:0</c> when none).</summary>
    public static string Fingerprint(ParityStore store) =>
        store.Connection.QuerySingle<string>("SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM arena_snapshots");

    /// <summary>Every stored snapshot, oldest first, organizations normalised through <paramref name="orgs"/>.</summary>
    public static IReadOnlyList<LeaderboardSnapshot> Load(ParityStore store, OrganizationTable orgs)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(orgs);
        var heads = store.Connection.Query<(long Id, string Board, string Date, string Source, string Method)>(
            "SELECT id, board, snapshot_date, source, method FROM arena_snapshots ORDER BY snapshot_date, id").AsList();
        var snapshots = new List<LeaderboardSnapshot>(heads.Count);
        foreach (var head in heads)
        {
            var entries = store.Connection.Query<(string Key, double Rating, double? Lower, double? Upper, string? Organization, string? License)>(
                    "SELECT model_key, rating, lower, upper, organization, license FROM arena_entries WHERE snapshot_id = @id ORDER BY rating DESC, model_key", new { id = head.Id })
                .Select(e =>
                {
                    var organization = orgs.Resolve(e.Organization);
                    return new LeaderboardEntry(e.Key, e.Key, e.Rating, e.Lower, e.Upper, null, organization?.Name ?? e.Organization, organization?.Country,
                        Openness.FromLicense(e.License), e.License);
                })
                .ToList();
            snapshots.Add(new LeaderboardSnapshot(DateOnly.ParseExact(head.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), head.Source, head.Board, head.Method, entries));
        }

        return snapshots;
    }
}
