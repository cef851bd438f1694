using System.Threading.Channels;

namespace Parity.Evals;

/// <summary>
/// Persists results off the hot path: workers post finished calls; one writer drains whatever has
/// arrived and commits it in a single transaction, so the store keeps up at thousands of results a
/// second while a crash loses at most the calls of the batch being written.
/// </summary>
internal sealed class EvalResultWriter
{
    private const int MaxBatch = 4096;
    private readonly Channel<EvalResultRecord> _channel = Channel.CreateUnbounded<EvalResultRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly EvalStore _store;
    private readonly long _runId;
    private readonly Task _loop;

    public EvalResultWriter(EvalStore store, long runId)
    {
        _store = store;
        _runId = runId;
        _loop = Task.Run(LoopAsync);
    }

    public void Post(EvalResultRecord record)
    {
        if (!_channel.Writer.TryWrite(record))
        {
            throw new InvalidOperationException("The result writer is closed.");
        }
    }

    /// <summary>Writes everything posted so far and stops.</summary>
    public Task CompleteAsync()
    {
        _channel.Writer.TryComplete();
        return _loop;
    }

    private async Task LoopAsync()
    {
        var batch = new List<EvalResultRecord>(MaxBatch);
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            _store.Write(_runId, batch);
            batch.Clear();
        }
    }
}
