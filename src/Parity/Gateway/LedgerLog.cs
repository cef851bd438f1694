using System.Globalization;
using Dapper;
using Parity.Storage;

namespace Parity.Gateway;

/// <summary>
/// The SQLite gateway's ledger: an append-only log of JSON lines beside the database
/// (<c>ledger.db-ledger.000001.jsonl</c>, …), imported into <c>gateway_ledger</c> in the background
/// and before every read (<see cref="ImportPending"/>).
/// <para>
/// A segment is a file of <see cref="SegmentBytes"/> mapped into memory (shared with the page cache).
/// A request's record is copied into the mapping before its response completes: once copied it
/// belongs to the kernel's page cache, so it survives <c>kill -9</c> of the gateway as a
/// <c>write</c> or a WAL commit without fsync would, and costs no system call. The unwritten rest of
/// a segment reads as zero bytes, so the end of the records is the first zero byte (JSON text never
/// holds one); a record cut short by a kill is followed by zeros and is never imported. A segment is
/// truncated to its records when the gateway rolls to the next one or closes. Each process writes
/// its own segments (one SQLite ledger has one gateway process; several nodes share PostgreSQL instead).
/// </para>
/// </summary>
public sealed class LedgerLog : ILedgerSink
{
    /// <summary>The size of a mapped segment; the gateway opens the next one when a record does not fit.</summary>
    internal const long SegmentBytes = 64L * 1024 * 1024;

    private const int ImportChunkBytes = 1024 * 1024;

    /// <summary>How far ahead of the records the background loop maps the segment's pages (see <see cref="MappedSegment.Prefault"/>).</summary>
    private const long PrefaultBytes = 16L * 1024 * 1024;

    private readonly ParityStore store;
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task importLoop;
    private long appended;
    private MappedSegment segment;
    private byte[] importBuffer = NewChunk();

    /// <summary>
    /// Imports what earlier processes left in the log, opens a new segment and starts importing in the
    /// background every <paramref name="importInterval"/> (default 250 ms: small batches keep the import from holding a core long). Takes ownership of <paramref name="store"/>.
    /// </summary>
    public LedgerLog(ParityStore store, TimeSpan? importInterval = null)
    {
        if (store.Dialect != SqlDialect.Sqlite)
        {
            throw new ArgumentException("The ledger log sits beside a SQLite store.", nameof(store));
        }

        this.store = store;
        Import(store, active: null, deleteImported: true, ref importBuffer);
        var last = Segments(store.Location).Select(s => s.Number).DefaultIfEmpty(0).Max();
        segment = MappedSegment.Create(SegmentPath(last + 1), SegmentBytes);
        var interval = importInterval ?? TimeSpan.FromMilliseconds(250);
        importLoop = Task.Run(() => ImportLoopAsync(interval));
    }

    /// <summary>Records copied into the log so far (each is one write into the mapped segment).</summary>
    public long Batches => Interlocked.Read(ref appended);

    /// <summary>Records handed to the operating system (copied into the page cache) so far.</summary>
    public long Written => Interlocked.Read(ref appended);

    /// <summary>Writes the record before returning; the task is already complete.</summary>
    public Task AppendAsync(LedgerEntry entry)
    {
        Append(entry);
        return Task.CompletedTask;
    }

    /// <summary>Copies the record into the log before returning.</summary>
    public void Append(LedgerEntry entry)
    {
        var bytes = LedgerLogFormat.Line(entry);
        if (bytes.Length > SegmentBytes)
        {
            throw new ParityException($"A ledger record of {bytes.Length} bytes does not fit in a log segment; the request was not recorded.");
        }

        lock (gate)
        {
            if (!segment.TryAppend(bytes))
            {
                var next = SegmentNumber(segment.Path) + 1;
                segment.Close();
                segment = MappedSegment.Create(SegmentPath(next), SegmentBytes);
                segment.TryAppend(bytes);
            }

            appended++;
        }
    }

    /// <summary>
    /// Moves every complete record of the ledger log beside a SQLite store into <c>gateway_ledger</c>,
    /// exactly once (the position imported up to is committed with the rows, under SQLite's write lock,
    /// so concurrent importers do not duplicate). Call before reading the ledger. Returns the records imported.
    /// </summary>
    public static long ImportPending(ParityStore store)
    {
        if (store.Dialect != SqlDialect.Sqlite)
        {
            return 0;
        }

        var buffer = NewChunk();
        return Import(store, active: null, deleteImported: false, ref buffer);
    }

    /// <summary>
    /// Imports every segment's complete records. <paramref name="buffer"/> holds the chunk being imported; it
    /// is pinned (the importer binds values in place, so the bytes must not move before the insert runs) and
    /// replaced by a larger one for a line longer than it.
    /// </summary>
    private static long Import(ParityStore store, string? active, bool deleteImported, ref byte[] buffer)
    {
        var segments = Segments(store.Location);
        if (segments.Count == 0)
        {
            return 0;
        }

        long imported = 0;
        using var importer = new LedgerLineImporter(store);
        foreach (var (path, _) in segments)
        {
            var name = Path.GetFileName(path);
            var finished = false; // every record of the segment is imported and no more can come
            while (true)
            {
                using var tx = store.Connection.BeginTransaction();
                var position = store.Connection.ExecuteScalar<long?>("SELECT imported_bytes FROM gateway_ledger_import WHERE segment = @name", new { name }, tx) ?? 0;
                int read;
                long length;
                try
                {
                    using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    length = RandomAccess.GetLength(file);
                    read = length > position ? RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(length - position, buffer.Length)), position) : 0;
                }
                catch (FileNotFoundException)
                {
                    break; // imported and deleted by the gateway meanwhile
                }

                // The records end at the first zero byte (the unwritten rest of a mapped segment) or at the
                // end of the file; an unfinished last line waits for its newline.
                var chunk = buffer.AsSpan(0, read);
                var zero = chunk.IndexOf((byte)0);
                var records = zero >= 0 ? chunk[..zero] : chunk;
                var end = records.LastIndexOf((byte)'\n') + 1;
                if (end > 0)
                {
                    imported += importer.InsertLines(records[..end], path, position);
                    importer.Spend.Flush(store.Connection, tx);
                    store.Connection.Execute(
                        "INSERT INTO gateway_ledger_import (segment, imported_bytes) VALUES (@name, @to) ON CONFLICT (segment) DO UPDATE SET imported_bytes = excluded.imported_bytes",
                        new { name, to = position + end }, tx);
                    tx.Commit();
                }

                if (zero >= 0 || position + end >= length)
                {
                    finished = true; // up to the zero bytes no process writes (or the end of the file)
                    break;
                }

                if (end == 0)
                {
                    if (read < buffer.Length)
                    {
                        break; // an unfinished line at the end of the file
                    }

                    // A line longer than the buffer: read again with room for it.
                    buffer = GC.AllocateUninitializedArray<byte>(buffer.Length * 2, pinned: true);
                }
            }

            // A segment no process writes any more (not the live one) is deleted once imported: what is
            // left before its zero bytes after the last newline is a record cut short by a kill, whose
            // response never completed.
            if (deleteImported && finished && name != active)
            {
                File.Delete(path);
                store.Connection.Execute("DELETE FROM gateway_ledger_import WHERE segment = @name", new { name });
            }
        }

        return imported;
    }

    private static byte[] NewChunk() => GC.AllocateUninitializedArray<byte>(ImportChunkBytes, pinned: true);

    private static List<(string Path, int Number)> Segments(string databasePath)
    {
        var folder = Path.GetDirectoryName(databasePath)!;
        var prefix = Path.GetFileName(databasePath) + "-ledger.";
        var found = new List<(string, int)>();
        foreach (var path in Directory.EnumerateFiles(folder, prefix + "*.jsonl"))
        {
            var middle = Path.GetFileName(path)[prefix.Length..^".jsonl".Length];
            if (middle.Length == 6 && int.TryParse(middle, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                found.Add((path, number));
            }
        }

        found.Sort((a, b) => a.Item2.CompareTo(b.Item2));
        return found;
    }

    private static int SegmentNumber(string path) => int.Parse(Path.GetFileName(path).AsSpan()[^12..^6], CultureInfo.InvariantCulture);

    private string SegmentPath(int number) => $"{store.Location}-ledger.{number.ToString("D6", CultureInfo.InvariantCulture)}.jsonl";

    private async Task ImportLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    MappedSegment current;
                    lock (gate)
                    {
                        current = segment;
                    }

                    current.Prefault(PrefaultBytes);
                    var live = Path.GetFileName(current.Path);

                    Import(store, active: live, deleteImported: true, ref importBuffer);
                }
                catch (Exception ex) when (ex is ParityException or Microsoft.Data.Sqlite.SqliteException or IOException)
                {
                    // Left in the log; the next round (or a reader) imports it. Readers see the error.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops the background import, closes the log, imports the rest and closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await importLoop.ConfigureAwait(false);
        lock (gate)
        {
            segment.Close();
        }

        try
        {
            Import(store, active: null, deleteImported: true, ref importBuffer);
        }
        finally
        {
            store.Dispose();
            stopping.Dispose();
        }
    }
}
