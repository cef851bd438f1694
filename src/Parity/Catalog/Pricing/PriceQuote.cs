namespace Parity.Catalog.Pricing;

/// <summary>The price of one request, with how it was reached.</summary>
/// <param name="ModelId">Catalog model id (or the schedule's label when priced without the catalog).</param>
/// <param name="Provider">Who sells the tokens at this price.</param>
/// <param name="At">The moment priced.</param>
/// <param name="Usage">The tokens priced.</param>
/// <param name="Rule">The rule in force at that moment.</param>
/// <param name="Lines">One line per billed component.</param>
/// <param name="TotalUsd">The sum of the lines, exact.</param>
/// <param name="Source">The feed the prices come from, and its date.</param>
public sealed record PriceQuote(
    string ModelId,
    string Provider,
    DateTimeOffset At,
    TokenUsage Usage,
    PriceRule Rule,
    IReadOnlyList<PriceLine> Lines,
    decimal TotalUsd,
    FactSource Source);
