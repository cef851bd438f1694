using System.Globalization;

namespace Parity.Gateway;

/// <summary>
/// One gateway node's durable spool of ledger records when the ledger is on PostgreSQL: the same
/// memory-mapped JSON-lines segments as the SQLite ledger log (<see cref="MappedSegment"/>,
/// <see cref="LedgerLogFormat"/>), in a folder of the node's machine, named
/// <c>spool.NODE.000001.jsonl</c>. A record is copied into the mapping before the client's response
/// completes, so it survives <c>kill -9</c> of the node; a background writer then copies records to
/// PostgreSQL in batches and a segment is deleted once it is closed and all its records are committed.
/// <para>
/// The node holds <c>spool.NODE.lock</c> open exclusively for its lifetime (an advisory lock the
/// kernel drops when the process dies, however it dies). A node that can take another node's lock
/// knows that node is gone and imports what its segments hold (<see cref="TakeOrphans"/>); records
/// imported twice are one row, since the ledger keeps one row per request id.
/// </para>
/// </summary>
internal sealed class LedgerSpool : IDisposable
{
    private readonly Lock gate = new();
    private readonly FileStream lockFile;
    private readonly Dictionary<int, Counts> segments = [];
    private MappedSegment segment;
    private int number;

    /// <summary>Creates the folder if needed, takes the node's lock and opens its first segment.</summary>
    public LedgerSpool(string folder, string node)
    {
        Folder = folder;
        Node = node;
        Directory.CreateDirectory(folder);
        lockFile = new FileStream(LockPath(folder, node), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        number = 1;
        segment = MappedSegment.Create(SegmentPath(folder, node, number), LedgerLog.SegmentBytes);
        segments[number] = new Counts();
    }

    public string Folder { get; }

    /// <summary>The node's id (file-name safe), also its name on its PostgreSQL leases.</summary>
    public string Node { get; }

    /// <summary>Copies the record into the live segment; returns the segment's number, for <see cref="Committed"/>.</summary>
    public int Append(LedgerEntry entry)
    {
        var bytes = LedgerLogFormat.Line(entry);
        if (bytes.Length > LedgerLog.SegmentBytes)
        {
            throw new ParityException($"A ledger record of {bytes.Length} bytes does not fit in a spool segment; the request was not recorded.");
        }

        string? finished = null;
        lock (gate)
        {
            if (!segment.TryAppend(bytes))
            {
                segment.Close();
                var closed = segments[number];
                closed.Closed = true;
                if (closed.Committed == closed.Appended)
                {
                    segments.Remove(number);
                    finished = segment.Path;
                }

                number++;
                segment = MappedSegment.Create(SegmentPath(Folder, Node, number), LedgerLog.SegmentBytes);
                segments[number] = new Counts();
                segment.TryAppend(bytes);
            }

            segments[number].Appended++;
            var appended = number;
            if (finished is not null)
            {
                File.Delete(finished);
            }

            return appended;
        }
    }

    /// <summary>Maps the live segment's next pages ahead of the appends (see <see cref="MappedSegment.Prefault"/>).</summary>
    public void Prefault(long bytesAhead)
    {
        MappedSegment current;
        lock (gate)
        {
            current = segment;
        }

        current.Prefault(bytesAhead);
    }

    /// <summary>Notes that <paramref name="count"/> records of segment <paramref name="segmentNumber"/> are committed; deletes a finished segment.</summary>
    public void Committed(int segmentNumber, int count)
    {
        lock (gate)
        {
            if (!segments.TryGetValue(segmentNumber, out var counts))
            {
                return;
            }

            counts.Committed += count;
            if (counts.Closed && counts.Committed == counts.Appended)
            {
                segments.Remove(segmentNumber);
                File.Delete(SegmentPath(Folder, Node, segmentNumber));
            }
        }
    }

    /// <summary>
    /// Closes the live segment and, when every record appended is committed, deletes the node's
    /// segments and lock; otherwise leaves them for the next node that starts on this folder.
    /// </summary>
    public void Dispose()
    {
        lock (gate)
        {
            segment.Close();
            segments[number].Closed = true;
            var done = segments.Values.All(c => c.Committed == c.Appended);
            if (done)
            {
                foreach (var n in segments.Keys)
                {
                    File.Delete(SegmentPath(Folder, Node, n));
                }

                segments.Clear();
            }

            lockFile.Dispose();
            if (done)
            {
                File.Delete(LockPath(Folder, Node));
            }
        }
    }

    /// <summary>
    /// The spools in <paramref name="folder"/> whose node is gone (its lock can be taken), each with its
    /// segments in order and the lock held; the caller imports them and calls <see cref="Orphan.Delete"/>.
    /// </summary>
    public static List<Orphan> TakeOrphans(string folder)
    {
        var found = new List<Orphan>();
        if (!Directory.Exists(folder))
        {
            return found;
        }

        var nodes = Directory.EnumerateFiles(folder, "spool.*.jsonl")
            .Select(p => NodeOf(Path.GetFileName(p)))
            .Concat(Directory.EnumerateFiles(folder, "spool.*.lock").Select(p => Path.GetFileName(p)["spool.".Length..^".lock".Length]))
            .Where(n => n is not null)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            FileStream held;
            try
            {
                held = new FileStream(LockPath(folder, node!), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue; // its node is alive (it holds the lock)
            }

            var paths = Directory.EnumerateFiles(folder, $"spool.{node}.*.jsonl")
                .Select(p => (Path: p, Number: NumberOf(Path.GetFileName(p))))
                .Where(s => s.Number > 0)
                .OrderBy(s => s.Number)
                .Select(s => s.Path)
                .ToList();
            found.Add(new Orphan(folder, node!, paths, held));
        }

        return found;
    }

    /// <summary>The complete records of a segment a gone node wrote (up to the first zero byte and the last newline).</summary>
    public static ReadOnlyMemory<byte> CompleteRecords(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var zero = Array.IndexOf(bytes, (byte)0);
        var records = zero >= 0 ? bytes.AsMemory(0, zero) : bytes.AsMemory();
        var end = records.Span.LastIndexOf((byte)'\n') + 1;
        return records[..end];
    }

    private static string LockPath(string folder, string node) => Path.Combine(folder, $"spool.{node}.lock");

    private static string SegmentPath(string folder, string node, int number) =>
        Path.Combine(folder, $"spool.{node}.{number.ToString("D6", CultureInfo.InvariantCulture)}.jsonl");

    /// <summary>NODE of <c>spool.NODE.000001.jsonl</c>, or null.</summary>
    private static string? NodeOf(string name) =>
        name.Length > "spool..000001.jsonl".Length && NumberOf(name) > 0 ? name["spool.".Length..^".000001.jsonl".Length] : null;

    private static int NumberOf(string name) =>
        name.EndsWith(".jsonl", StringComparison.Ordinal) && name.Length > 13
        && int.TryParse(name.AsSpan(name.Length - 12, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && name[^13] == '.'
            ? n
            : 0;

    private sealed class Counts
    {
        public long Appended;
        public long Committed;
        public bool Closed;
    }

    /// <summary>A gone node's spool, its lock held until <see cref="Delete"/> or <see cref="Release"/>.</summary>
    public sealed class Orphan(string folder, string node, IReadOnlyList<string> segments, FileStream held)
    {
        public string Node { get; } = node;

        public IReadOnlyList<string> Segments { get; } = segments;

        /// <summary>Deletes the imported segments and the lock.</summary>
        public void Delete()
        {
            foreach (var path in Segments)
            {
                File.Delete(path);
            }

            held.Dispose();
            File.Delete(LockPath(folder, Node));
        }

        /// <summary>Leaves the spool as it is (an import failed) and drops the lock.</summary>
        public void Release() => held.Dispose();
    }
}
