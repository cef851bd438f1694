namespace Parity.Server.Gateway;

/// <summary>
/// One upstream attempt's result: the response (to relay or pass through), its body when read whole
/// (for an answer, already rewritten with the gateway's model name), the stream reader holding the first
/// event, and the attempt's timeout (dispose all three).
/// </summary>
internal sealed record Attempt(AttemptOutcome Outcome, HttpResponseMessage? Response, byte[]? Body, SseReader? Reader, CancellationTokenSource? Timeout)
{
    /// <summary>
    /// The outcome as <c>parity_gateway_upstream_attempts_total</c> labels it: ok, http_4xx, http_429, http_5xx,
    /// timeout, connection, invalid_body, error_body, empty_stream, invalid_stream or circuit_open.
    /// </summary>
    public string OutcomeLabel { get; init; } = "ok";

    /// <summary>A whole answer's usage as the provider reported it (see <see cref="UsageCounts.FromUpstream"/>).</summary>
    public UsageCounts Usage { get; init; }

    /// <summary>Characters of a whole answer's message text (to count tokens when the provider reports none).</summary>
    public long ContentCharacters { get; init; }

    /// <summary>For <see cref="AttemptOutcome.CircuitOpen"/>: when the breaker lets a probe through.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whether the next model may be tried.</summary>
    public bool Retryable => Outcome is AttemptOutcome.RetryableStatus or AttemptOutcome.Timeout or AttemptOutcome.Connection or AttemptOutcome.InvalidAnswer or AttemptOutcome.CircuitOpen;

    /// <summary>Whether the upstream failed (what the circuit breaker counts): everything retryable that was really called.</summary>
    public bool UpstreamFailed => Retryable && Outcome != AttemptOutcome.CircuitOpen;

    /// <summary>Disposes the response, the reader and the timeout.</summary>
    public void Release()
    {
        Reader?.Dispose();
        Response?.Dispose();
        Timeout?.Dispose();
    }
}
