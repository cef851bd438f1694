using System.Diagnostics;

namespace Parity.Evals;

/// <summary>Live counters for one model in a running evaluation; safe to read from another thread.</summary>
public sealed class EvalModelProgress
{
    private readonly Lock _gate = new();
    private long _done;
    private long _errors;
    private long _unknownCost;
    private decimal _cost;
    private long _startedAt;

    public EvalModelProgress(string model, long total, long alreadyDone)
    {
        Model = model;
        Total = total;
        AlreadyDone = alreadyDone;
    }

    public string Model { get; }

    /// <summary>Calls the run needs for this model (items × samples).</summary>
    public long Total { get; }

    /// <summary>Calls answered by an earlier, interrupted invocation of the run.</summary>
    public long AlreadyDone { get; }

    /// <summary>Calls answered in this invocation.</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>Calls that failed for good in this invocation (retries exhausted or not retriable).</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Answered calls whose cost is unknown (no price in the catalog, or no usage reported).</summary>
    public long UnknownCostCalls => Interlocked.Read(ref _unknownCost);

    /// <summary>Known cost of this invocation's calls, US dollars.</summary>
    public decimal Cost
    {
        get
        {
            lock (_gate)
            {
                return _cost;
            }
        }
    }

    /// <summary>Answered calls per second since this invocation started.</summary>
    public double ItemsPerSecond
    {
        get
        {
            var started = Interlocked.Read(ref _startedAt);
            if (started == 0)
            {
                return 0;
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            return seconds <= 0 ? 0 : (Done + Errors) / seconds;
        }
    }

    internal void Start() => Interlocked.CompareExchange(ref _startedAt, Stopwatch.GetTimestamp(), 0);

    internal void Answered(decimal? cost)
    {
        Interlocked.Increment(ref _done);
        if (cost is { } c)
        {
            lock (_gate)
            {
                _cost += c;
            }
        }
        else
        {
            Interlocked.Increment(ref _unknownCost);
        }
    }

    internal void Failed() => Interlocked.Increment(ref _errors);
}
