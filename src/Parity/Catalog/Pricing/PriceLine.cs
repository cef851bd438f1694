namespace Parity.Catalog.Pricing;

/// <summary>One component of a priced request.</summary>
/// <param name="Component"><c>input</c>, <c>cached-input</c>, <c>cache-write</c> or <c>output</c>.</param>
/// <param name="Tokens">Tokens billed at this rate.</param>
/// <param name="UsdPerMtok">The rate applied.</param>
/// <param name="Usd">Tokens × rate / 1,000,000, exact.</param>
/// <param name="Tier">The long-context tier applied, or null for the base rate.</param>
public sealed record PriceLine(string Component, long Tokens, decimal UsdPerMtok, decimal Usd, RateTier? Tier);
