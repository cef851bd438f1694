namespace Parity.Providers;

/// <summary>Per-provider limits and retry settings.</summary>
public sealed record ProviderLimits
{
    /// <summary>At most this many requests in flight to the provider at once.</summary>
    public int MaxConcurrency { get; init; } = 64;

    /// <summary>At most this many requests started per minute; null for no limit.</summary>
    public double? RequestsPerMinute { get; init; }

    /// <summary>How long one attempt may take before it is abandoned and retried.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>How many times a failed attempt is retried (429, 5xx, timeouts, dropped connections).</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>First backoff delay; doubles each retry, with jitter. A server's Retry-After wins.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts (Retry-After included).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(120);
}
