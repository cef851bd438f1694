namespace Parity.Gateway;

/// <summary>
/// When the gateway stops calling an upstream model that keeps failing (config <c>breaker:</c>): once at
/// least <see cref="MinimumThroughput"/> calls in the last <see cref="SamplingDuration"/> were made and
/// <see cref="FailureRatio"/> of them failed (5xx, 429, timeout, a broken connection or an answer that is
/// not one), the model is skipped for <see cref="BreakDuration"/>; then one call is let through as a
/// probe, which closes the breaker when it succeeds and opens it again when it fails.
/// </summary>
public sealed record CircuitBreakerSettings
{
    /// <summary>The defaults: half of at least 10 calls failed within 30 s opens the breaker for 15 s.</summary>
    public static CircuitBreakerSettings Default { get; } = new();

    /// <summary>False turns circuit breaking off (every call goes upstream).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The share of failed calls, above 0 and at most 1, that opens the breaker.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>The fewest calls in the sampling window before the ratio counts (at least 2).</summary>
    public int MinimumThroughput { get; init; } = 10;

    /// <summary>The window over which calls are counted.</summary>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open breaker skips the model before a probe call.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);
}
