namespace Parity.Gateway;

/// <summary>One request through the gateway, as the usage ledger records it.</summary>
public sealed record LedgerEntry
{
    /// <summary>The gateway's id for the request (also sent back in <c>x-request-id</c>).</summary>
    public required string RequestId { get; init; }

    /// <summary>When the request arrived (UTC).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The virtual key's id (never the key itself); null when keys are not required.</summary>
    public string? KeyId { get; init; }

    /// <summary>What the client asked for: a route name or a model name.</summary>
    public required string Route { get; init; }

    /// <summary>The gateway model that served the request (null when none did).</summary>
    public string? Model { get; init; }

    /// <summary>The provider of <see cref="Model"/>.</summary>
    public string? Provider { get; init; }

    /// <summary>The organization that made the model.</summary>
    public string? Vendor { get; init; }

    /// <summary>The model's country of origin (ISO 3166 alpha-2, e.g. US, CN).</summary>
    public string? Origin { get; init; }

    /// <summary>Whether the model's weights are published; null when unknown.</summary>
    public bool? OpenWeights { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    /// <summary>Input tokens served from the provider's prompt cache (a subset of <see cref="InputTokens"/>).</summary>
    public long CachedTokens { get; init; }

    /// <summary>The request's cost in USD, exact (the price engine's decimal).</summary>
    public decimal CostUsd { get; init; }

    public double LatencyMs { get; init; }

    /// <summary>The HTTP status the client got.</summary>
    public int Status { get; init; }

    /// <summary>A short error code when the request failed.</summary>
    public string? Error { get; init; }

    public bool Streamed { get; init; }

    /// <summary>How many upstream attempts it took (more than one after a fallback).</summary>
    public int Attempts { get; init; }

    /// <summary>"upstream" when the provider reported usage, "counted" when the gateway estimated it, "none".</summary>
    public string UsageSource { get; init; } = "none";

    /// <summary>For a <c>learned</c> route: the router's P(strong model wins) on the prompt; null for other routes.</summary>
    public double? RouteScore { get; init; }

    /// <summary>For a <c>learned</c> route: the threshold the score was compared with (at or above: the strong model).</summary>
    public double? RouteThreshold { get; init; }

    /// <summary>For a <c>learned</c> route: the model the router picked; a different <see cref="Model"/> means the other one took over after a failure.</summary>
    public string? RouteChoice { get; init; }

    /// <summary>
    /// The prompt tokens the gateway counted with the serving model's tokenizer before the call (the estimate;
    /// <see cref="InputTokens"/> is what the provider reported); 0 when no model served.
    /// </summary>
    public long EstimatedInputTokens { get; init; }

    /// <summary>USD reserved against the key's budget before the call (0 without a key's admission).</summary>
    public decimal ReservedUsd { get; init; }

    /// <summary>Which gateway process wrote the record: host name and process id.</summary>
    public string Node { get; init; } = ThisNode;

    private static readonly string ThisNode = $"{Environment.MachineName}:{Environment.ProcessId}";
}
