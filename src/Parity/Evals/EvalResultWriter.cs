using System.Threading.Channels;

namespace Parity.Evals;

/// <summary>
/// Persists results off the hot path: workers post finished calls; one writer commits whatever has
/// arrived in a single transaction. At a low rate (real APIs) every result is committed as soon as it
/// arrives; at a high rate (more than <see cref="BusyBatch"/> results piled up during the last
/// commit) the writer also waits <see cref="FlushInterval"/> to gather larger batches, so the store
/// keeps up at tens of thousands of results a second. A clean stop (end of run, Ctrl-C) writes
/// everything; a hard kill loses only the answers not yet committed, which a resumed run asks for again.
/// </summary>
internal sealed class EvalResultWriter
{
    private const int MaxBatch = 4096;

    /// <summary>How long a finished result may wait in memory before it is committed.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>A batch at least this large means the writer is busy and should gather more per commit.</summary>
    public const int BusyBatch = 64;

    private volatile bool _completing;
    private readonly Channel<EvalResultRecord> _channel = Channel.CreateUnbounded<EvalResultRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly EvalStore _store;
    private readonly long _runId;
    private readonly Task _loop;
    private readonly HashSet<string> _requestWritten = new(StringComparer.Ordinal);

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
        _completing = true;
        _channel.Writer.TryComplete();
        return _loop;
    }

    private async Task LoopAsync()
    {
        var batch = new List<EvalResultRecord>(MaxBatch);
        var reader = _channel.Reader;
        var lastBatch = 0;
        while (await reader.WaitToReadAsync())
        {
            if (!_completing && lastBatch >= BusyBatch)
            {
                await Task.Delay(FlushInterval);
            }

            lastBatch = 0;
            while (reader.TryRead(out var record))
            {
                lastBatch++;
                batch.Add(record);
                if (batch.Count == MaxBatch)
                {
                    _store.Write(_runId, batch, _requestWritten);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                _store.Write(_runId, batch, _requestWritten);
                batch.Clear();
            }
        }
    }
}
