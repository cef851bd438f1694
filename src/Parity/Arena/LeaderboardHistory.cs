using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Parity.Catalog;

namespace Parity.Arena;

/// <summary>
/// LMArena's published leaderboards over time, as shipped in <c>data/arena/</c>: one source per
/// date and board (never two methods at one date), organizations normalised through the
/// <see cref="OrganizationTable"/> with their country, openness from the licence.
/// </summary>
public sealed class LeaderboardHistory
{
    /// <summary>The raw (non-style-controlled) text leaderboard.</summary>
    public const string TextBoard = "text";

    /// <summary>The style-controlled text leaderboard (lmarena.ai's default view since 2025).</summary>
    public const string StyleControlBoard = "text-style-control";

    private readonly Dictionary<string, List<LeaderboardSnapshot>> _boards;

    private LeaderboardHistory(Dictionary<string, List<LeaderboardSnapshot>> boards) => _boards = boards;

    /// <summary>The boards there are snapshots for.</summary>
    public IReadOnlyList<string> Boards => [.. _boards.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The shipped history (<c>data/arena/leaderboard_snapshots.csv</c> and <c>leaderboard_history.csv</c>).</summary>
    public static LeaderboardHistory LoadShipped(OrganizationTable orgs) =>
        Load(ShippedData.PathOf("arena/leaderboard_snapshots.csv"), ShippedData.PathOf("arena/leaderboard_history.csv"), orgs);

    /// <summary>Snapshots of one board, oldest first.</summary>
    public IReadOnlyList<LeaderboardSnapshot> Snapshots(string board) =>
        _boards.TryGetValue(board, out var snapshots)
            ? snapshots
            : throw new ParityException($"unknown leaderboard '{board}'; expected one of {string.Join(", ", Boards)}.");

    /// <summary>
    /// This history with <paramref name="extra"/> added (the snapshots <c>parity update</c> stored): a snapshot on a date
    /// and board the history already has replaces it.
    /// </summary>
    public LeaderboardHistory With(IEnumerable<LeaderboardSnapshot> extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var boards = _boards.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal);
        foreach (var snapshot in extra)
        {
            if (!boards.TryGetValue(snapshot.Board, out var list))
            {
                boards[snapshot.Board] = list = [];
            }

            list.RemoveAll(s => s.Date == snapshot.Date);
            list.Add(snapshot);
        }

        return new LeaderboardHistory(boards.ToDictionary(kv => kv.Key, kv => kv.Value.OrderBy(s => s.Date).ToList(), StringComparer.Ordinal));
    }

    /// <summary>Loads a history from a snapshot table (date, board, source, method) and an entry table.</summary>
    public static LeaderboardHistory Load(string snapshotsPath, string entriesPath, OrganizationTable orgs)
    {
        var heads = new Dictionary<(DateOnly, string), (string Source, string Method)>();
        foreach (var (row, line) in Rows(snapshotsPath))
        {
            var key = (Date(row, "date", snapshotsPath, line), Text(row, "board", snapshotsPath, line));
            if (!heads.TryAdd(key, (Text(row, "source", snapshotsPath, line), Text(row, "method", snapshotsPath, line))))
            {
                throw new ParityException($"{snapshotsPath}:{line}: a second snapshot for {key.Item1:yyyy-MM-dd} on board '{key.Item2}'.");
            }
        }

        var entries = new Dictionary<(DateOnly, string), List<LeaderboardEntry>>();
        foreach (var (row, line) in Rows(entriesPath))
        {
            var key = (Date(row, "date", entriesPath, line), Text(row, "board", entriesPath, line));
            if (!heads.ContainsKey(key))
            {
                throw new ParityException($"{entriesPath}:{line}: no snapshot {key.Item1:yyyy-MM-dd} '{key.Item2}' in {Path.GetFileName(snapshotsPath)}.");
            }

            var modelKey = Text(row, "model_key", entriesPath, line);
            var spelling = Optional(row, "organization");
            var organization = orgs.Resolve(spelling);
            var license = Optional(row, "license");
            var entry = new LeaderboardEntry(
                modelKey,
                Optional(row, "model") ?? modelKey,
                Number(row, "rating", entriesPath, line) ?? throw new ParityException($"{entriesPath}:{line}: field 'rating' is empty."),
                Number(row, "lower", entriesPath, line),
                Number(row, "upper", entriesPath, line),
                (int?)Number(row, "votes", entriesPath, line),
                organization?.Name ?? spelling,
                organization?.Country,
                Openness.FromLicense(license),
                license);
            if (!entries.TryGetValue(key, out var list))
            {
                entries[key] = list = [];
            }

            list.Add(entry);
        }

        var boards = new Dictionary<string, List<LeaderboardSnapshot>>(StringComparer.Ordinal);
        foreach (var ((date, board), (source, method)) in heads.OrderBy(h => h.Key.Item1))
        {
            if (!boards.TryGetValue(board, out var list))
            {
                boards[board] = list = [];
            }

            var rows = entries.GetValueOrDefault((date, board)) ?? [];
            list.Add(new LeaderboardSnapshot(date, source, board, method, [.. rows.OrderByDescending(e => e.Rating)]));
        }

        return new LeaderboardHistory(boards);
    }

    private static IEnumerable<(Dictionary<string, string> Row, int Line)> Rows(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new ParityException($"{path}: the file is empty.");
        }

        var header = csv.HeaderRecord!;
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = csv.GetField(i) ?? "";
            }

            yield return (row, csv.Parser.RawRow);
        }
    }

    private static string Text(Dictionary<string, string> row, string field, string path, int line) =>
        row.TryGetValue(field, out var value) && value.Length > 0 ? value : throw new ParityException($"{path}:{line}: field '{field}' is missing or empty.");

    private static string? Optional(Dictionary<string, string> row, string field) =>
        row.TryGetValue(field, out var value) && value.Trim().Length > 0 ? value.Trim() : null;

    private static DateOnly Date(Dictionary<string, string> row, string field, string path, int line) =>
        DateOnly.TryParseExact(Text(row, field, path, line), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ParityException($"{path}:{line}: field '{field}' is '{row[field]}', expected YYYY-MM-DD.");

    private static double? Number(Dictionary<string, string> row, string field, string path, int line)
    {
        var text = Optional(row, field);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ParityException($"{path}:{line}: field '{field}' is '{text}', expected a number.");
    }
}
