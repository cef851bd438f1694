using System.Globalization;
using Parity.Arena;
using Parity.Storage;

namespace Parity.Catalog.Updates;

/// <summary>
/// Imports a downloaded LMArena board (arena-catalog format, see <see cref="ArenaCatalogReader"/>) into the store as one
/// snapshot, and says what changed against the board's previous snapshot (shipped or stored): the models new to it and
/// the scores that moved outside their previous 95% interval. The file carries no date, so the snapshot is dated by the
/// response's Last-Modified, else by the day of the download. A board equal to the previous snapshot stores nothing.
/// Organization and licence, which the file lacks, come from the newest earlier snapshot that named them.
/// </summary>
internal static class ArenaFeedImporter
{
    /// <summary>Scores equal to this many points count as unchanged (the shipped history rounds to 0.001).</summary>
    private const double SameScore = 0.001;

    public static FeedUpdate Import(ParityStore store, FeedSource source, string board, FeedDownload download, string file)
    {
        var entries = ArenaCatalogReader.Read(download.Bytes, $"{source.Name} ({source.Url})");
        if (ArenaSnapshotStore.ImportedDate(store, download.Sha256) is { } earlier)
        {
            FeedUpdater.Record(store, source, download, null);
            return new FeedUpdate(source.Name, source.Url, "unchanged",
                $"{source.Name}: same content as the {board} board imported for {earlier} (sha256 {download.Sha256[..12]}); store unchanged", entries.Count);
        }

        var orgs = OrganizationTable.LoadShipped();
        var history = LeaderboardHistory.LoadShipped(orgs).With(ArenaSnapshotStore.Load(store, orgs));
        var date = DateOnly.FromDateTime((download.LastModified ?? DateTimeOffset.UtcNow).UtcDateTime);
        var snapshots = history.Boards.Contains(board) ? history.Snapshots(board) : [];
        var previous = snapshots.LastOrDefault(s => s.Date < date);
        if (previous is not null && Same(previous, entries))
        {
            FeedUpdater.Record(store, source, download, null);
            return new FeedUpdate(source.Name, source.Url, "unchanged",
                $"{source.Name}: the {board} board is the same as its snapshot of {previous.Date:yyyy-MM-dd} ({entries.Count} models, equal scores); store unchanged", entries.Count);
        }

        var labels = Labels(history);
        var snapshot = new LeaderboardSnapshot(date,
            $"lmarena/arena-catalog:{Path.GetFileName(new Uri(source.Url).AbsolutePath)} (downloaded {DateTimeOffset.UtcNow:yyyy-MM-dd} from {source.Url}, sha256 {download.Sha256[..12]})",
            board, ArenaSnapshotStore.CatalogMethod,
            [.. entries.Select(e =>
            {
                labels.TryGetValue(e.ModelKey, out var label);
                return new LeaderboardEntry(e.ModelKey, e.ModelKey, e.Rating, e.Lower, e.Upper, null, label.Organization, null, null, label.License);
            })]);
        ArenaSnapshotStore.Import(store, snapshot, source.Url, download.Sha256);
        FeedUpdater.Record(store, source, download, null);

        var before = previous?.Entries.GroupBy(e => e.ModelKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            ?? new Dictionary<string, LeaderboardEntry>(StringComparer.Ordinal);
        var added = entries.Where(e => !before.ContainsKey(e.ModelKey)).Select(e => e.ModelKey).ToList();
        var moves = new List<RatingMove>();
        foreach (var e in entries)
        {
            if (before.TryGetValue(e.ModelKey, out var b) && b.Lower is { } lo && b.Upper is { } hi && (e.Rating < lo || e.Rating > hi))
            {
                moves.Add(new RatingMove(e.ModelKey, b.Rating, e.Rating, lo, hi));
            }
        }

        moves.Sort((x, y) => Math.Abs(y.After - y.Before).CompareTo(Math.Abs(x.After - x.Before)));
        var since = previous is null ? "" : $" since {previous.Date:yyyy-MM-dd}";
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{source.Name}: imported the {board} board of {date:yyyy-MM-dd} ({entries.Count:N0} models, top {entries[0].ModelKey} {entries[0].Rating:0.0}); ") +
            (added.Count == 0 ? $"no new model{since}" : $"{added.Count} new{since}: {string.Join(", ", added.Take(5))}{(added.Count > 5 ? ", …" : "")}") + "; " +
            (moves.Count == 0 ? "no score moved beyond its 95% interval" : $"{moves.Count} score{(moves.Count == 1 ? "" : "s")} moved beyond {(moves.Count == 1 ? "its" : "their")} 95% interval: {string.Join("; ", moves.Take(3))}{(moves.Count > 3 ? "; …" : "")}");
        return new FeedUpdate(source.Name, source.Url, "imported", summary, entries.Count, File: file, NewModels: added, RatingMoves: moves);
    }

    private static bool Same(LeaderboardSnapshot previous, IReadOnlyList<ArenaCatalogEntry> entries)
    {
        if (previous.Entries.Count != entries.Count)
        {
            return false;
        }

        var byKey = previous.Entries.GroupBy(e => e.ModelKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Rating, StringComparer.Ordinal);
        return entries.All(e => byKey.TryGetValue(e.ModelKey, out var r) && Math.Abs(r - e.Rating) <= SameScore);
    }

    /// <summary>Each model key's organization and licence as the newest snapshot naming them has it.</summary>
    private static Dictionary<string, (string? Organization, string? License)> Labels(LeaderboardHistory history)
    {
        var labels = new Dictionary<string, (string? Organization, string? License)>(StringComparer.Ordinal);
        foreach (var snapshot in history.Boards.SelectMany(history.Snapshots).OrderBy(s => s.Date))
        {
            foreach (var e in snapshot.Entries)
            {
                labels.TryGetValue(e.ModelKey, out var known);
                labels[e.ModelKey] = (e.Organization ?? known.Organization, e.License ?? known.License);
            }
        }

        return labels;
    }
}
