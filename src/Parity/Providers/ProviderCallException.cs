namespace Parity.Providers;

/// <summary>
/// A call to a model failed. <see cref="Retriable"/> says whether trying again may help
/// (429, 5xx, timeouts, dropped connections, garbled bodies); <see cref="RetryAfter"/> carries
/// the server's <c>Retry-After</c> when it sent one.
/// </summary>
public sealed class ProviderCallException : Exception
{
    public ProviderCallException(string message, int? statusCode, bool retriable, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        Retriable = retriable;
        RetryAfter = retryAfter;
    }

    public ProviderCallException() { }

    public ProviderCallException(string message) : base(message) { }

    public ProviderCallException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The HTTP status, when the server answered.</summary>
    public int? StatusCode { get; }

    /// <summary>Whether another attempt may succeed.</summary>
    public bool Retriable { get; }

    /// <summary>How long the server asked us to wait.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>How many times the model was called before giving up, retries included (1 when it was not retried).</summary>
    public int Attempts { get; internal set; } = 1;
}
