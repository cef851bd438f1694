using System.Threading.Channels;
using Parity.Storage;

namespace Parity.Gateway;

/// <summary>
/// Writes ledger records with group commit. Request handlers hand a record over and wait until the
/// transaction that holds it has committed; one background loop takes every record waiting at that
/// moment and writes them in one transaction. Under load many requests share one commit, so
/// durability (a committed record survives <c>kill -9</c> of the gateway: in WAL mode a commit is in
/// the operating system's hands before the call returns) costs little throughput.
/// </summary>
public sealed class LedgerWriter : ILedgerSink
{
    private const int MaxBatch = 1024;

    private readonly ParityStore store;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;
    private readonly LedgerInserter inserter;
    private readonly List<LedgerEntry> entries = new(MaxBatch);
    private long batches;
    private long written;

    /// <summary>Starts the writer over an open store (it takes ownership of it).</summary>
    public LedgerWriter(ParityStore store)
    {
        this.store = store;
        inserter = new LedgerInserter(store);
        if (store.Dialect == SqlDialect.Sqlite)
        {
            // The ledger appends: every commit rewrites the same last pages. Checkpointing less often copies
            // each of them to the database file once per 16 MB of WAL instead of once per 4 MB.
            using var pragma = store.Connection.CreateCommand();
            pragma.CommandText = "PRAGMA wal_autocheckpoint=4096";
            pragma.ExecuteNonQuery();
        }

        loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far.</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Records committed so far.</summary>
    public long Written => Interlocked.Read(ref written);

    /// <summary>Queues one record; the task completes once the record is committed.</summary>
    public Task AppendAsync(LedgerEntry entry)
    {
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            return Task.FromException(new ParityException("The ledger is closed; the request was not recorded."));
        }

        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                Write(batch);
                Interlocked.Increment(ref batches);
                Interlocked.Add(ref written, batch.Count);
                foreach (var p in batch)
                {
                    p.Done.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                foreach (var p in batch)
                {
                    p.Done.TrySetException(ex);
                }
            }
        }
    }

    private void Write(List<Pending> batch)
    {
        using var tx = store.Connection.BeginTransaction();
        entries.Clear();
        foreach (var p in batch)
        {
            entries.Add(p.Entry);
        }

        inserter.Insert(entries, tx);
        tx.Commit();
    }

    /// <summary>Writes what is queued, then closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        inserter.Dispose();

        store.Dispose();
    }

    private sealed record Pending(LedgerEntry Entry, TaskCompletionSource Done);
}
