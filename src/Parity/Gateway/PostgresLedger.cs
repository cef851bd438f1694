using System.Collections.Concurrent;
using Npgsql;

namespace Parity.Gateway;

/// <summary>
/// The ledger of a gateway node on PostgreSQL. A request's record is copied into the node's local
/// spool (<see cref="LedgerSpool"/>, memory-mapped, survives <c>kill -9</c>) before its response
/// completes, and queued; a background thread copies what is queued to PostgreSQL every
/// <c>interval</c> in one transaction (<see cref="PostgresLedgerBatch"/>: binary COPY, one row per
/// request id). No PostgreSQL round trip is on a request's path. At start the node imports the
/// spools of nodes that are gone (a node killed on this machine), before it serves, and again every
/// <c>sweepEvery</c> while it runs.
/// <para>
/// With leases (<see cref="LeasedKeyLimits"/>) the same transaction adds the records' costs and
/// tokens to their keys' shared spend and minute counters and takes them off the node's lease, so
/// the shared state and the ledger agree exactly, however often a record is imported.
/// </para>
/// </summary>
public sealed class PostgresLedger : ILedgerSink
{
    private const int MaxBatch = 16_384;

    /// <summary>How far ahead of the records the writer maps the spool's pages (see <see cref="MappedSegment.Prefault"/>).</summary>
    private const long PrefaultBytes = 16L * 1024 * 1024;

    private readonly NpgsqlDataSource dataSource;
    private readonly LedgerSpool spool;
    private readonly PostgresLedgerBatch batch;
    private readonly TimeSpan interval;
    private readonly ConcurrentQueue<(LedgerEntry Entry, int Segment)> queue = new();
    private readonly SemaphoreSlim wake = new(0);
    private readonly Thread thread;
    private readonly List<(LedgerEntry Entry, int Segment)> pending = [];
    private readonly List<LedgerEntry> entries = [];
    private volatile bool stopping;
    private long batches;
    private long written;
    private long failures;

    /// <summary>
    /// Imports the spools of gone nodes in <paramref name="spoolFolder"/>, opens this node's spool and
    /// starts the writer. <paramref name="reconcile"/>: also move the records' costs and tokens into the
    /// keys' shared counters (leased limits); <paramref name="findKey"/> gives a key's budget period and limits.
    /// </summary>
    /// <param name="connectionString">The PostgreSQL database the nodes share.</param>
    /// <param name="spoolFolder">This machine's spool folder (nodes on one machine may share it).</param>
    /// <param name="node">This node's name on its spool files and leases.</param>
    /// <param name="reconcile">Whether batches also settle the keys' shared counters and this node's leases.</param>
    /// <param name="findKey">A key by id (its budget period and limits).</param>
    /// <param name="interval">How often the writer writes what is spooled (default 100 ms).</param>
    /// <param name="sweepEvery">How often the writer also imports the spools of nodes gone since (default 15 s).</param>
    public PostgresLedger(string connectionString, string spoolFolder, string node, bool reconcile, Func<string, VirtualKey?> findKey, TimeSpan? interval = null, TimeSpan? sweepEvery = null)
    {
        dataSource = NpgsqlDataSource.Create(connectionString);
        batch = new PostgresLedgerBatch(dataSource, reconcile, findKey);
        this.interval = interval ?? TimeSpan.FromMilliseconds(100);
        this.sweepEvery = sweepEvery ?? TimeSpan.FromSeconds(15);
        recovered = ImportOrphans(spoolFolder);
        Recovered = recovered;
        spool = new LedgerSpool(spoolFolder, node);
        thread = new Thread(Run) { IsBackground = true, Name = "Parity ledger writer" };
        thread.Start();
    }

    /// <summary>The records imported at start from the spools of gone nodes (new rows only).</summary>
    public long Recovered { get; }

    /// <summary>The records imported from the spools of gone nodes since start, at start and by the writer's sweeps (new rows only).</summary>
    public long RecoveredSinceStart => Interlocked.Read(ref recovered);

    /// <summary>Why the last sweep of gone nodes' spools failed, or null.</summary>
    public string? SweepError { get; private set; }

    private readonly TimeSpan sweepEvery;
    private long recovered;

    /// <summary>Transactions committed so far.</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Records committed to PostgreSQL so far.</summary>
    public long Written => Interlocked.Read(ref written);

    /// <summary>Batches that failed and wait to be written again (PostgreSQL unreachable, for example).</summary>
    public long Failures => Interlocked.Read(ref failures);

    /// <summary>Copies the record into the spool before returning (the task is already complete) and queues it for PostgreSQL.</summary>
    public Task AppendAsync(LedgerEntry entry)
    {
        var segment = spool.Append(entry);
        queue.Enqueue((entry, segment));
        return Task.CompletedTask;
    }

    /// <summary>Writes what is queued now, waiting for its commit (tests, and readers that must see this node's records).</summary>
    public async Task FlushAsync()
    {
        var target = Interlocked.Read(ref written) + queue.Count + pending.Count;
        wake.Release();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Interlocked.Read(ref written) < target && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    private long ImportOrphans(string folder)
    {
        long imported = 0;
        foreach (var orphan in LedgerSpool.TakeOrphans(folder))
        {
            try
            {
                foreach (var path in orphan.Segments)
                {
                    var records = LedgerSpool.CompleteRecords(path);
                    var rows = PostgresLedgerBatch.ParseLines(records.Span, path);
                    for (var i = 0; i < rows.Count; i += MaxBatch)
                    {
                        imported += batch.Write(rows.GetRange(i, Math.Min(MaxBatch, rows.Count - i)), orphan.Node);
                    }
                }

                orphan.Delete();
            }
            catch
            {
                orphan.Release();
                throw;
            }
        }

        return imported;
    }

    private void Run()
    {
        var backoff = interval;
        var swept = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var last = stopping;
            wake.Wait(backoff);
            spool.Prefault(PrefaultBytes);
            if (swept.Elapsed >= sweepEvery && !last)
            {
                // A node on this machine killed since: its spool is written now, not only when one starts again.
                swept.Restart();
                try
                {
                    Interlocked.Add(ref recovered, ImportOrphans(spool.Folder));
                    SweepError = null;
                }
                catch (Exception ex) when (ex is NpgsqlException or IOException or ParityException or InvalidOperationException)
                {
                    SweepError = ex.Message;
                    batch.Reset();
                }
            }

            while (pending.Count < MaxBatch && queue.TryDequeue(out var item))
            {
                pending.Add(item);
            }

            if (pending.Count > 0)
            {
                try
                {
                    entries.Clear();
                    foreach (var (entry, _) in pending)
                    {
                        entries.Add(entry);
                    }

                    batch.Write(entries, spool.Node);
                    Interlocked.Increment(ref batches);
                    Interlocked.Add(ref written, pending.Count);
                    foreach (var group in pending.GroupBy(p => p.Segment))
                    {
                        spool.Committed(group.Key, group.Count());
                    }

                    pending.Clear();
                    // The next batch a full interval later, unless a whole batch is already waiting: fewer, larger
                    // transactions (each has a commit, its fsync and the spend statements) cost PostgreSQL less per record.
                    backoff = queue.Count >= MaxBatch ? TimeSpan.Zero : interval;
                }
                catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
                {
                    // Kept in the spool and in memory; written again after a pause (PostgreSQL restarting, say).
                    Interlocked.Increment(ref failures);
                    batch.Reset();
                    backoff = TimeSpan.FromSeconds(1);
                    if (last)
                    {
                        return; // stopping: what is left stays in the spool for the next start
                    }

                    continue;
                }
            }
            else
            {
                backoff = interval;
            }

            if (last && queue.IsEmpty && pending.Count == 0)
            {
                return;
            }
        }
    }

    /// <summary>Writes what is queued, closes the spool (deleted when all of it is in PostgreSQL) and the connections.</summary>
    public ValueTask DisposeAsync()
    {
        stopping = true;
        wake.Release();
        thread.Join();
        spool.Dispose();
        batch.Dispose();
        dataSource.Dispose();
        wake.Dispose();
        return ValueTask.CompletedTask;
    }
}
