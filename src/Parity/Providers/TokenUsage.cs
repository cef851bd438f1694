namespace Parity.Providers;

/// <summary>
/// The tokens one call used, as the provider reported them in <c>usage</c>. A field is null when
/// the provider did not report it (never guessed as 0).
/// </summary>
/// <param name="PromptTokens">Input tokens, including cached ones.</param>
/// <param name="CompletionTokens">Output tokens, including reasoning ones.</param>
/// <param name="CachedTokens">Input tokens served from the provider's prompt cache.</param>
/// <param name="ReasoningTokens">Output tokens spent on hidden reasoning.</param>
public sealed record TokenUsage(long? PromptTokens, long? CompletionTokens, long? CachedTokens = null, long? ReasoningTokens = null)
{
    /// <summary>No usage reported.</summary>
    public static TokenUsage Unknown { get; } = new(null, null);

    /// <summary>True when the provider reported both input and output counts.</summary>
    public bool IsKnown => PromptTokens is not null && CompletionTokens is not null;
}
