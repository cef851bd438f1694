namespace Parity.Catalog.Pricing;

/// <summary>
/// One long-context tier: once a request's input tokens exceed <paramref name="AboveInputTokens"/>,
/// every token of the priced kind costs <paramref name="UsdPerMtok"/> ("cliff" pricing, as Anthropic,
/// Google and OpenAI bill, and as genai-prices and LiteLLM describe it).
/// </summary>
/// <param name="AboveInputTokens">The threshold; the tier applies when input tokens are strictly greater.</param>
/// <param name="UsdPerMtok">US dollars per million tokens inside the tier.</param>
public sealed record RateTier(long AboveInputTokens, decimal UsdPerMtok);
