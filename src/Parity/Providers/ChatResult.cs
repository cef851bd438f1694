namespace Parity.Providers;

/// <summary>What a model answered, and what it cost in tokens and time.</summary>
/// <param name="Content">The assistant's text.</param>
/// <param name="Usage">Tokens as reported by the provider.</param>
/// <param name="FinishReason"><c>stop</c>, <c>length</c>, … or null when not reported.</param>
/// <param name="Latency">Wall time of the successful attempt (retries excluded).</param>
/// <param name="Attempts">How many attempts the call took (1 when it succeeded at once).</param>
/// <param name="ResponseModel">The model name the provider says answered.</param>
public sealed record ChatResult(string Content, TokenUsage Usage, string? FinishReason, TimeSpan Latency, int Attempts = 1, string? ResponseModel = null);
