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

    private void Write(List<Pending> batch)
    {
        var connection = store.Connection;
        using var tx = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO gateway_ledger (request_id, at, key_id, route, model, provider, vendor, origin, open_weights,
                input_tokens, output_tokens, cached_tokens, cost_usd, latency_ms, status, error, streamed, attempts, usage_source, node)
            VALUES (@request_id, @at, @key_id, @route, @model, @provider, @vendor, @origin, @open_weights,
                @input_tokens, @output_tokens, @cached_tokens, @cost_usd, @latency_ms, @status, @error, @streamed, @attempts, @usage_source, @node)
            """;
        var p = new Dictionary<string, DbParameter>();
        foreach (var name in new[]
                 {
                     "request_id", "at", "key_id", "route", "model", "provider", "vendor", "origin", "open_weights",
                     "input_tokens", "output_tokens", "cached_tokens", "cost_usd", "latency_ms", "status", "error", "streamed", "attempts", "usage_source", "node",
                 })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            p[name] = parameter;
        }

        foreach (var item in batch)
        {
            var e = item.Entry;
            p["request_id"].Value = e.RequestId;
            p["at"].Value = LedgerTime.ToText(e.At);
            p["key_id"].Value = (object?)e.KeyId ?? DBNull.Value;
            p["route"].Value = e.Route;
            p["model"].Value = (object?)e.Model ?? DBNull.Value;
            p["provider"].Value = (object?)e.Provider ?? DBNull.Value;
            p["vendor"].Value = (object?)e.Vendor ?? DBNull.Value;
            p["origin"].Value = (object?)e.Origin ?? DBNull.Value;
            p["open_weights"].Value = e.OpenWeights is { } open ? (open ? 1 : 0) : DBNull.Value;
            p["input_tokens"].Value = e.InputTokens;
            p["output_tokens"].Value = e.OutputTokens;
            p["cached_tokens"].Value = e.CachedTokens;
            p["cost_usd"].Value = e.CostUsd;
            p["latency_ms"].Value = e.LatencyMs;
            p["status"].Value = e.Status;
            p["error"].Value = (object?)e.Error ?? DBNull.Value;
            p["streamed"].Value = e.Streamed ? 1 : 0;
            p["attempts"].Value = e.Attempts;
            p["usage_source"].Value = e.UsageSource;
            p["node"].Value = e.Node;
            command.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <summary>Writes what is queued, then closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        store.Dispose();
    }

    private sealed record Pending(LedgerEntry Entry, TaskCompletionSource Done);
}
