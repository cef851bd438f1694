namespace Parity.Catalog;

/// <summary>One row of <c>catalog_imports</c>.</summary>
internal sealed record StoredImport(long Id, string Format, string FileName, string? SourceDate, string ImportedAt, long RecordCount, long UnmatchedCount);
