namespace Parity.Catalog.Pricing;

/// <summary>A price per million tokens, with optional long-context tiers.</summary>
/// <param name="Base">US dollars per million tokens below the first tier.</param>
/// <param name="Tiers">Tiers in ascending threshold order; empty for a flat rate.</param>
public sealed record TieredRate(decimal Base, IReadOnlyList<RateTier> Tiers)
{
    /// <summary>A flat rate without tiers.</summary>
    public static TieredRate Flat(decimal usdPerMtok) => new(usdPerMtok, []);

    /// <summary>The rate that applies to a request with this many input tokens, and the tier chosen (null for the base rate).</summary>
    public (decimal UsdPerMtok, RateTier? Tier) RateFor(long inputTokens)
    {
        RateTier? chosen = null;
        foreach (var tier in Tiers)
        {
            if (inputTokens > tier.AboveInputTokens)
            {
                chosen = tier;
            }
        }

        return (chosen?.UsdPerMtok ?? Base, chosen);
    }

    /// <inheritdoc />
    public bool Equals(TieredRate? other) =>
        other is not null && Base == other.Base && Tiers.SequenceEqual(other.Tiers);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Base, Tiers.Count);
}
