namespace Parity.Server.Gateway;

/// <summary>How one upstream attempt ended.</summary>
internal enum AttemptOutcome
{
    /// <summary>An answer to relay (a chat completion, or a stream whose first event is in).</summary>
    Ok,

    /// <summary>429 or 5xx: the next model may be tried.</summary>
    RetryableStatus,

    /// <summary>Another error status (400, 401, …): passed through to the client.</summary>
    FinalStatus,

    Timeout,

    /// <summary>No connection, or a broken one, before the answer or the stream's first event (the next model may be tried).</summary>
    Connection,

    /// <summary>
    /// A 200 that is not an answer: a body that is not a JSON chat completion, an error object, an empty
    /// stream, or a stream whose first event is not a JSON chunk (cut short, or an error); the next model may be tried.
    /// </summary>
    InvalidAnswer,

    /// <summary>Not called: the model's circuit breaker is open (the next model may be tried).</summary>
    CircuitOpen,
}
