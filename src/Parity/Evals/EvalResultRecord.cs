namespace Parity.Evals;

/// <summary>One stored call: what was asked, what came back, what it cost, and how it scored.</summary>
public sealed record EvalResultRecord
{
    public required string Model { get; init; }

    public required string ItemId { get; init; }

    public int Sample { get; init; }

    /// <summary><c>ok</c> when the model answered, <c>error</c> when the call failed for good.</summary>
    public required string Status { get; init; }

    /// <summary>The request messages as JSON.</summary>
    public required string Request { get; init; }

    public required string Reference { get; init; }

    public string? Completion { get; init; }

    public string? FinishReason { get; init; }

    public long? PromptTokens { get; init; }

    public long? CompletionTokens { get; init; }

    public long? CachedTokens { get; init; }

    public long? ReasoningTokens { get; init; }

    public double? LatencyMs { get; init; }

    public int Attempts { get; init; }

    /// <summary>US dollars at the catalog price in effect at the call; null when unknown (never 0 for unknown).</summary>
    public double? CostUsd { get; init; }

    public double? Score { get; init; }

    public string? Extracted { get; init; }

    public string? Error { get; init; }

    /// <summary>ISO 8601 UTC.</summary>
    public required string CalledAt { get; init; }

    public const string Ok = "ok";
    public const string Failed = "error";
}
