namespace Parity.Gateway;

/// <summary>Prices of one model in USD per million tokens, as exact decimals (money is never binary floating point).</summary>
/// <param name="InputPerMillion">Uncached input tokens.</param>
/// <param name="OutputPerMillion">Output tokens.</param>
/// <param name="CachedInputPerMillion">Input tokens read from the provider's cache (null: charged as input).</param>
/// <param name="Source">Where the prices come from (the config file or a catalog source and date).</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion, decimal? CachedInputPerMillion, string Source)
{
    /// <summary>The cost of one request; <paramref name="cachedTokens"/> is part of <paramref name="inputTokens"/>.</summary>
    public decimal Cost(long inputTokens, long outputTokens, long cachedTokens)
    {
        var cached = Math.Clamp(cachedTokens, 0, inputTokens);
        var cachedPrice = CachedInputPerMillion ?? InputPerMillion;
        return ((inputTokens - cached) * InputPerMillion + cached * cachedPrice + outputTokens * OutputPerMillion) / 1_000_000m;
    }

    /// <summary>The blended price of a typical 3:1 input:output mix, used to rank models by price.</summary>
    public decimal Blended => (3 * InputPerMillion + OutputPerMillion) / 4;
}
