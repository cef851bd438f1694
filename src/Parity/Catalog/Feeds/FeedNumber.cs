namespace Parity.Catalog.Feeds;

/// <summary>
/// The one range check for the numbers feeds hold (prices, token counts, parameters, compute, hours,
/// costs): none is negative, and none is so large that the price engine's sums would overflow.
/// </summary>
internal static class FeedNumber
{
    /// <summary>The largest price or count a JSON feed may hold (10^15; per-token prices become per-million ones, times 10^6).</summary>
    public const decimal Largest = 1_000_000_000_000_000m;

    /// <summary>The problem with a number that does not fit a decimal.</summary>
    public const string OutOfRange = "is out of range (0 to 1e15)";

    /// <summary>What is wrong with <paramref name="value"/> as a feed's price or count, or null when nothing is.</summary>
    public static string? Problem(decimal value, decimal largest = Largest) =>
        value < 0 ? "must not be negative"
        : value > largest ? OutOfRange
        : null;
}
