namespace Parity.Catalog;

/// <summary>Where a fact comes from.</summary>
/// <param name="Name">The source, e.g. "genai-prices npm 0.1.8 (deepseek)" or "Epoch AI Notable AI Models".</param>
/// <param name="Date">The date of the source's data (ISO 8601), when known.</param>
/// <param name="Url">A page or document that states the fact, when known.</param>
/// <param name="Note">The source's own words on the fact, when it has any.</param>
public sealed record FactSource(string Name, string? Date, string? Url = null, string? Note = null);
