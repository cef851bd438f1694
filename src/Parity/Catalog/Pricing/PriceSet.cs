namespace Parity.Catalog.Pricing;

/// <summary>The per-million-token prices of one model at one provider under one rule.</summary>
/// <param name="Input">Uncached input (prompt) tokens.</param>
/// <param name="Output">Output (completion) tokens, reasoning included.</param>
/// <param name="CachedInput">Input tokens read from the provider's prompt cache; null when the source gives no cache price (cached tokens then pay <paramref name="Input"/>).</param>
/// <param name="CacheWrite">Input tokens written to the prompt cache, where the provider bills them apart.</param>
public sealed record PriceSet(TieredRate? Input, TieredRate? Output, TieredRate? CachedInput = null, TieredRate? CacheWrite = null);
