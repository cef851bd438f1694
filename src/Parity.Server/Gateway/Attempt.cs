namespace Parity.Server.Gateway;

/// <summary>
/// One upstream attempt's result: the response (to relay or pass through), its body when read whole,
/// the stream reader holding the first event, and the attempt's timeout (dispose all three).
/// </summary>
internal sealed record Attempt(AttemptOutcome Outcome, HttpResponseMessage? Response, byte[]? Body, SseReader? Reader, CancellationTokenSource? Timeout)
{
    /// <summary>The outcome as <c>parity_gateway_upstream_attempts_total</c> labels it.</summary>
    public string OutcomeLabel { get; init; } = "ok";

    public bool Retryable => Outcome is AttemptOutcome.RetryableStatus or AttemptOutcome.Timeout or AttemptOutcome.Connection;
}
