namespace Parity.Catalog;

/// <summary>A feed the catalog has loaded: shipped with Parity, or imported into the store.</summary>
/// <param name="Origin"><c>shipped</c> or <c>imported</c>.</param>
/// <param name="Format">genai-prices, litellm, openrouter or epoch.</param>
/// <param name="Label">The feed's name.</param>
/// <param name="File">The file it was read from.</param>
/// <param name="SourceDate">The date of its data.</param>
/// <param name="ImportedAt">When it was imported (imports only).</param>
/// <param name="Records">Records in the file.</param>
/// <param name="Matched">Records matched to a catalog model and used.</param>
/// <param name="Unmatched">Names (models and organizations) that match nothing in the catalog, and records not used (implausible prices).</param>
public sealed record CatalogSource(string Origin, string Format, string Label, string File, string SourceDate, string? ImportedAt, int Records, int Matched, int Unmatched);
