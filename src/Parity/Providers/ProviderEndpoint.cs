namespace Parity.Providers;

/// <summary>
/// A resolved provider: address, key and limits. The key is held here only to put it in the
/// <c>Authorization</c> header of requests to <see cref="BaseUrl"/>; it is never printed
/// (<see cref="ToString"/> omits it), logged or stored.
/// </summary>
public sealed class ProviderEndpoint
{
    public ProviderEndpoint(string name, Uri baseUrl, string? apiKey, ProviderLimits limits)
    {
        Name = name;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
        Limits = limits;
    }

    /// <summary>Provider name.</summary>
    public string Name { get; }

    /// <summary>Base URL; requests go to <c>{BaseUrl}/chat/completions</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The secret key, or null for keyless local servers.</summary>
    internal string? ApiKey { get; }

    /// <summary>Concurrency, rate, timeout and retry settings.</summary>
    public ProviderLimits Limits { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({BaseUrl})";
}
