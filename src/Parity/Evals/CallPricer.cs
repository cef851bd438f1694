using Parity.Providers;

namespace Parity.Evals;

/// <summary>
/// Prices one call: the catalog's price for <paramref name="model"/> of <paramref name="provider"/>
/// in effect at <paramref name="at"/>, applied to the tokens used. Returns null when the price (or
/// the usage) is unknown — never 0 for "unknown".
/// </summary>
public delegate decimal? CallPricer(string provider, string model, DateTimeOffset at, TokenUsage usage);
