namespace Parity.Providers;

/// <summary>One chat completions request.</summary>
public sealed record ChatRequest
{
    /// <summary>The conversation so far.</summary>
    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    /// <summary>Upper bound on output tokens; null leaves it to the provider.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Sampling temperature; benchmarks use 0.</summary>
    public double? Temperature { get; init; }

    /// <summary>Ask for server-sent events instead of one JSON body.</summary>
    public bool Stream { get; init; }

    /// <summary>The benchmark item this request is about, for the replay provider.</summary>
    public ReplayKey? Item { get; init; }
}
