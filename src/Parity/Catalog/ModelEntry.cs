namespace Parity.Catalog;

/// <summary>One row of <c>data/catalog/models.csv</c>.</summary>
internal sealed record ModelEntry(string Id, string Name, string Organization, bool? OpenWeights, string? Licence, string? SourceUrl, IReadOnlyList<string> Aliases);
