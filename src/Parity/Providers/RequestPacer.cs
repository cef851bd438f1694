using System.Diagnostics;

namespace Parity.Providers;

/// <summary>Spaces request starts evenly so that no more than N start per minute.</summary>
internal sealed class RequestPacer
{
    private readonly long _intervalTicks;
    private readonly Lock _gate = new();
    private long _nextStart;

    public RequestPacer(double requestsPerMinute)
    {
        _intervalTicks = (long)(Stopwatch.Frequency * 60.0 / requestsPerMinute);
        _nextStart = Stopwatch.GetTimestamp();
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        long wait;
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            var start = Math.Max(now, _nextStart);
            _nextStart = start + _intervalTicks;
            wait = start - now;
        }

        return wait <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken);
    }
}
