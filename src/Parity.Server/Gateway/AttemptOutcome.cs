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

    /// <summary>No connection, a broken one, or an answer that is not one (the next model may be tried).</summary>
    Connection,
}
