namespace Parity.Claims;

/// <summary>
/// The prices claims are checked against, by moment: <see cref="At"/> gives every price quote in force for a model at
/// a moment (null = the newest data), <see cref="Changes"/> the moments a model's price changes, <see cref="Known"/>
/// whether Parity has any price for it at any time.
/// </summary>
/// <param name="At">Quotes in force for a model name at a moment.</param>
/// <param name="Changes">When the model's price changes.</param>
/// <param name="Known">True when some source prices the model at some time.</param>
public sealed record ClaimPrices(
    Func<string, DateTimeOffset?, IReadOnlyList<PricePoint>> At,
    Func<string, IEnumerable<DateTimeOffset>> Changes,
    Func<string, bool> Known)
{
    /// <summary>Undated quotes, in force at every moment (tests, and callers without a price history).</summary>
    public static ClaimPrices Undated(Func<string, IReadOnlyList<PricePoint>> prices) =>
        new((m, _) => prices(m), _ => [], m => prices(m).Count > 0);
}
