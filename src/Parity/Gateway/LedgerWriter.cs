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

    private DbCommand? insert;
    private DbParameter[] parameters = [];

    /// <summary>The insert statement, prepared once on the writer's own connection and reused for every record.</summary>
    private DbCommand Insert()
    {
        if (insert is not null)
        {
            return insert;
        }

        var command = store.Connection.CreateCommand();
        command.CommandText = $"INSERT INTO gateway_ledger ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "@" + c))})";
        parameters = new DbParameter[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + Columns[i];
            command.Parameters.Add(parameter);
            parameters[i] = parameter;
        }

        insert = command;
        return command;
    }

    private void Write(List<Pending> batch)
    {
        var command = Insert();
        var p = parameters;
        using var tx = store.Connection.BeginTransaction();
        command.Transaction = tx;
        foreach (var item in batch)
        {
            var e = item.Entry;
            p[0].Value = e.RequestId;
            p[1].Value = LedgerTime.ToText(e.At);
            p[2].Value = (object?)e.KeyId ?? DBNull.Value;
            p[3].Value = e.Route;
            p[4].Value = (object?)e.Model ?? DBNull.Value;
            p[5].Value = (object?)e.Provider ?? DBNull.Value;
            p[6].Value = (object?)e.Vendor ?? DBNull.Value;
            p[7].Value = (object?)e.Origin ?? DBNull.Value;
            p[8].Value = e.OpenWeights is { } open ? (open ? 1 : 0) : DBNull.Value;
            p[9].Value = e.InputTokens;
            p[10].Value = e.OutputTokens;
            p[11].Value = e.CachedTokens;
            p[12].Value = e.CostUsd;
            p[13].Value = e.LatencyMs;
            p[14].Value = e.Status;
            p[15].Value = (object?)e.Error ?? DBNull.Value;
            p[16].Value = e.Streamed ? 1 : 0;
            p[17].Value = e.Attempts;
            p[18].Value = e.UsageSource;
            p[19].Value = e.Node;
            command.ExecuteNonQuery();
        }

        tx.Commit();
        command.Transaction = null;
    }

    /// <summary>Writes what is queued, then closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        insert?.Dispose();
        store.Dispose();
    }

    private sealed record Pending(LedgerEntry Entry, TaskCompletionSource Done);
}
