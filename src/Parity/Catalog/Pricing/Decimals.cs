namespace Parity.Catalog.Pricing;

/// <summary>Decimal helpers.</summary>
internal static class Decimals
{
    /// <summary>The same value without trailing zeros (0.28000000 → 0.28), so that prices print as the sources state them.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>A per-token price as a per-million-token price, exact.</summary>
    public static decimal PerMillion(decimal perToken) => Normalize(perToken * 1_000_000m);
}
