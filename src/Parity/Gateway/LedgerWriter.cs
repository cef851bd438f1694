using System.Data.Common;
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
public sealed class LedgerWriter : IAsyncDisposable
{
    private const int MaxBatch = 1024;

    private readonly ParityStore store;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;
    private long batches;
    private long written;

    /// <summary>Starts the writer over an open store (it takes ownership of it).</summary>
    public LedgerWriter(ParityStore store)
    {
        this.store = store;
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

    private static readonly string[] Columns =
    [
        "request_id", "at", "key_id", "route", "model", "provider", "vendor", "origin", "open_weights",
        "input_tokens", "output_tokens", "cached_tokens", "cost_usd", "latency_ms", "status", "error", "streamed", "attempts", "usage_source", "node",
    ];

    /// <summary>Rows per prepared multi-row INSERT; a batch is written with the largest that fit, then smaller ones.</summary>
    private static readonly int[] ChunkSizes = [64, 16, 4, 1];

    private readonly Dictionary<int, (DbCommand Command, DbParameter[] Parameters)> inserts = [];

    /// <summary>An INSERT of <paramref name="rows"/> rows, prepared once on the writer's own connection and reused.</summary>
    private (DbCommand Command, DbParameter[] Parameters) Insert(int rows)
    {
        if (inserts.TryGetValue(rows, out var prepared))
        {
            return prepared;
        }

        var command = store.Connection.CreateCommand();
        var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Columns.Select((_, c) => $"@p{r * Columns.Length + c}")) + ")");
        command.CommandText = $"INSERT INTO gateway_ledger ({string.Join(", ", Columns)}) VALUES {string.Join(", ", values)}";
        var parameters = new DbParameter[rows * Columns.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
            parameters[i] = parameter;
        }

        inserts[rows] = (command, parameters);
        return (command, parameters);
    }

    private void Write(List<Pending> batch)
    {
        using var tx = store.Connection.BeginTransaction();
        var next = 0;
        foreach (var size in ChunkSizes)
        {
            while (batch.Count - next >= size)
            {
                var (command, p) = Insert(size);
                command.Transaction = tx;
                for (var r = 0; r < size; r++)
                {
                    Bind(p, r * Columns.Length, batch[next + r].Entry);
                }

                command.ExecuteNonQuery();
                command.Transaction = null;
                next += size;
            }
        }

        tx.Commit();
    }

    private static void Bind(DbParameter[] p, int o, LedgerEntry e)
    {
        p[o].Value = e.RequestId;
        p[o + 1].Value = LedgerTime.ToText(e.At);
        p[o + 2].Value = (object?)e.KeyId ?? DBNull.Value;
        p[o + 3].Value = e.Route;
        p[o + 4].Value = (object?)e.Model ?? DBNull.Value;
        p[o + 5].Value = (object?)e.Provider ?? DBNull.Value;
        p[o + 6].Value = (object?)e.Vendor ?? DBNull.Value;
        p[o + 7].Value = (object?)e.Origin ?? DBNull.Value;
        p[o + 8].Value = e.OpenWeights is { } open ? (open ? 1 : 0) : DBNull.Value;
        p[o + 9].Value = e.InputTokens;
        p[o + 10].Value = e.OutputTokens;
        p[o + 11].Value = e.CachedTokens;
        p[o + 12].Value = e.CostUsd;
        p[o + 13].Value = e.LatencyMs;
        p[o + 14].Value = e.Status;
        p[o + 15].Value = (object?)e.Error ?? DBNull.Value;
        p[o + 16].Value = e.Streamed ? 1 : 0;
        p[o + 17].Value = e.Attempts;
        p[o + 18].Value = e.UsageSource;
        p[o + 19].Value = e.Node;
    }

    /// <summary>Writes what is queued, then closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        foreach (var (command, _) in inserts.Values)
        {
            command.Dispose();
        }

        store.Dispose();
    }

    private sealed record Pending(LedgerEntry Entry, TaskCompletionSource Done);
}
