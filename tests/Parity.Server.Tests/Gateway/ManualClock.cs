namespace Parity.Server.Tests.Gateway;

/// <summary>A clock that moves only when a test moves it (for the circuit breakers: no sleeps).</summary>
public sealed class ManualClock : TimeProvider
{
    private long ticks = new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
