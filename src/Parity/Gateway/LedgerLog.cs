using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Win32.SafeHandles;
using Parity.Storage;

namespace Parity.Gateway;

/// <summary>
/// The SQLite gateway's ledger: an append-only log of JSON lines beside the database
/// (<c>ledger.db-ledger.000001.jsonl</c>, …), imported into <c>gateway_ledger</c> in the background
/// and before every read (<see cref="ImportPending"/>).
/// <para>
/// A request's record is written to the log with a plain <c>write</c> before its response completes,
/// so it survives <c>kill -9</c> of the gateway (the kernel holds it), as a WAL commit without fsync
/// would. Writes are grouped without a hand-off to another thread: the request that finds nobody
/// writing writes every record queued so far in one system call; requests whose records went out
/// with it return at once. Each process writes its own segments (one SQLite ledger has one gateway
/// process; several nodes share PostgreSQL instead).
/// </para>
/// </summary>
public sealed class LedgerLog : ILedgerSink
{
    private const long SegmentBytes = 64L * 1024 * 1024;
    private const int ImportChunkBytes = 1024 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? lineBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? lineWriter;

    private readonly ParityStore store;
    private readonly Lock pendingGate = new();
    private readonly Lock writeGate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task importLoop;
    private ArrayBufferWriter<byte> pending = new(64 * 1024);
    private ArrayBufferWriter<byte> spare = new(64 * 1024);
    private long appended;
    private long durable;
    private long batches;
    private SafeFileHandle handle;
    private string segment;
    private long offset;
    private Exception? broken;

    /// <summary>
    /// Imports what earlier processes left in the log, opens a new segment and starts importing in the
    /// background every <paramref name="importInterval"/> (default 1 s). Takes ownership of <paramref name="store"/>.
    /// </summary>
    public LedgerLog(ParityStore store, TimeSpan? importInterval = null)
    {
        if (store.Dialect != SqlDialect.Sqlite)
        {
            throw new ArgumentException("The ledger log sits beside a SQLite store.", nameof(store));
        }

        this.store = store;
        Import(store, active: null, deleteImported: true);
        var last = Segments(store.Location).Select(s => s.Number).DefaultIfEmpty(0).Max();
        (segment, handle) = OpenSegment(last + 1);
        var interval = importInterval ?? TimeSpan.FromSeconds(1);
        importLoop = Task.Run(() => ImportLoopAsync(interval));
    }

    /// <summary>Write system calls so far.</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Records handed to the operating system so far.</summary>
    public long Written => Interlocked.Read(ref durable);

    /// <summary>Writes the record (grouped with any others waiting) before returning; the task is already complete.</summary>
    public Task AppendAsync(LedgerEntry entry)
    {
        Append(entry);
        return Task.CompletedTask;
    }

    /// <summary>Writes the record (grouped with any others waiting) before returning.</summary>
    public void Append(LedgerEntry entry)
    {
        var line = lineBuffer ??= new ArrayBufferWriter<byte>(512);
        line.ResetWrittenCount();
        var json = lineWriter ??= new Utf8JsonWriter(line, new JsonWriterOptions { SkipValidation = true });
        json.Reset(line);
        LedgerLogFormat.Write(json, entry);
        json.Flush();
        line.Write("\n"u8);

        long mine;
        lock (pendingGate)
        {
            pending.Write(line.WrittenSpan);
            mine = ++appended;
        }

        lock (writeGate)
        {
            if (Volatile.Read(ref durable) >= mine)
            {
                return; // another request wrote it with its own
            }

            if (broken is not null)
            {
                throw new ParityException($"The ledger log '{segment}' could not be written; the request was not recorded: {broken.Message}", broken);
            }

            long upTo;
            lock (pendingGate)
            {
                (pending, spare) = (spare, pending);
                upTo = appended;
            }

            try
            {
                RandomAccess.Write(handle, spare.WrittenSpan, offset);
                offset += spare.WrittenCount;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                broken = ex;
                throw new ParityException($"The ledger log '{segment}' could not be written; the request was not recorded: {ex.Message}", ex);
            }
            finally
            {
                spare.ResetWrittenCount();
            }

            Interlocked.Increment(ref batches);
            Volatile.Write(ref durable, upTo);
            if (offset >= SegmentBytes)
            {
                var next = int.Parse(Path.GetFileName(segment).AsSpan()[^12..^6], CultureInfo.InvariantCulture) + 1;
                var old = handle;
                (segment, handle) = OpenSegment(next);
                offset = 0;
                old.Dispose();
            }
        }
    }

    /// <summary>
    /// Moves every complete record of the ledger log beside a SQLite store into <c>gateway_ledger</c>,
    /// exactly once (the position imported up to is committed with the rows, under SQLite's write lock,
    /// so concurrent importers do not duplicate). Call before reading the ledger. Returns the records imported.
    /// </summary>
    public static long ImportPending(ParityStore store) =>
        store.Dialect == SqlDialect.Sqlite ? Import(store, active: null, deleteImported: false) : 0;

    private static long Import(ParityStore store, string? active, bool deleteImported)
    {
        var segments = Segments(store.Location);
        if (segments.Count == 0)
        {
            return 0;
        }

        long imported = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(ImportChunkBytes);
        var entries = new List<LedgerEntry>();
        using var inserter = new LedgerInserter(store, LedgerInserter.SingleRows);
        try
        {
            foreach (var (path, _) in segments)
            {
                var name = Path.GetFileName(path);
                long position, length;
                while (true)
                {
                    using var tx = store.Connection.BeginTransaction();
                    position = store.Connection.ExecuteScalar<long?>("SELECT imported_bytes FROM gateway_ledger_import WHERE segment = @name", new { name }, tx) ?? 0;
                    int read;
                    try
                    {
                        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                        length = RandomAccess.GetLength(file);
                        read = length > position ? RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(length - position, ImportChunkBytes)), position) : 0;
                    }
                    catch (FileNotFoundException)
                    {
                        length = position;
                        break; // imported and deleted by the gateway meanwhile
                    }

                    var end = buffer.AsSpan(0, read).LastIndexOf((byte)'\n') + 1; // an unfinished last line waits for its newline
                    if (end == 0)
                    {
                        break;
                    }

                    imported += InsertLines(store, tx, inserter, entries, buffer.AsSpan(0, end), path, position);
                    store.Connection.Execute(
                        "INSERT INTO gateway_ledger_import (segment, imported_bytes) VALUES (@name, @to) ON CONFLICT (segment) DO UPDATE SET imported_bytes = excluded.imported_bytes",
                        new { name, to = position + end }, tx);
                    tx.Commit();
                }

                if (deleteImported && position >= length && name != active)
                {
                    File.Delete(path);
                    store.Connection.Execute("DELETE FROM gateway_ledger_import WHERE segment = @name", new { name });
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return imported;
    }

    /// <summary>Inserts complete lines (<paramref name="lines"/> ends with a newline), naming the file and byte of a bad one.</summary>
    private static long InsertLines(ParityStore store, System.Data.Common.DbTransaction tx, LedgerInserter inserter, List<LedgerEntry> entries, ReadOnlySpan<byte> lines, string path, long position)
    {
        entries.Clear();
        foreach (var range in lines.Split((byte)'\n'))
        {
            var offset = range.Start.GetOffset(lines.Length);
            if (offset < lines.Length && range.End.GetOffset(lines.Length) > offset)
            {
                entries.Add(LedgerLogFormat.Read(lines[range], $"{path}, byte {position + offset}"));
            }
        }

        inserter.Insert(entries, tx);
        return entries.Count;
    }

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

    private (string Path, SafeFileHandle Handle) OpenSegment(int number)
    {
        var path = $"{store.Location}-ledger.{number.ToString("D6", CultureInfo.InvariantCulture)}.jsonl";
        return (path, File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete));
    }

    private async Task ImportLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    Import(store, active: Path.GetFileName(Volatile.Read(ref segment)), deleteImported: true);
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
        lock (writeGate)
        {
            handle.Dispose();
        }

        try
        {
            Import(store, active: null, deleteImported: true);
        }
        finally
        {
            store.Dispose();
            stopping.Dispose();
        }
    }
}
