namespace Parity.Catalog;

/// <summary>What <c>CatalogImporter.Import</c> did.</summary>
/// <param name="ImportId">The import's id in the store.</param>
/// <param name="Format">The feed format.</param>
/// <param name="File">The file imported.</param>
/// <param name="SourceDate">The date of the feed's data.</param>
/// <param name="Records">Records stored.</param>
/// <param name="Matched">Records matched to a catalog model.</param>
/// <param name="Unmatched">Names that match no catalog model or organization (stored too).</param>
/// <param name="AlreadyImported">True when the same file (same SHA-256) was imported before; nothing changed.</param>
public sealed record ImportResult(long ImportId, string Format, string File, string SourceDate, int Records, int Matched, IReadOnlyList<UnmatchedName> Unmatched, bool AlreadyImported);
