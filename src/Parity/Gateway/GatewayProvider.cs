namespace Parity.Gateway;

/// <summary>An upstream provider, ready to call. The API key is kept here only; it is never logged or stored.</summary>
public sealed class GatewayProvider
{
    public GatewayProvider(string name, Uri baseUrl, string? apiKey, TimeSpan timeout)
    {
        Name = name;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
        Timeout = timeout;
        ChatCompletionsUrl = new Uri(baseUrl.ToString().TrimEnd('/') + "/chat/completions");
        AuthorizationHeader = apiKey is null ? null : "Bearer " + apiKey;
    }

    public string Name { get; }

    public Uri BaseUrl { get; }

    public Uri ChatCompletionsUrl { get; }

    /// <summary>The provider's key (null for local servers that need none).</summary>
    internal string? ApiKey { get; }

    /// <summary>The <c>Authorization</c> header value for this provider (secret, like <see cref="ApiKey"/>).</summary>
    internal string? AuthorizationHeader { get; }

    /// <summary>How long to wait for response headers (and, streaming, the first event) before giving up on this provider.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({BaseUrl})";
}
