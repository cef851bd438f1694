namespace Parity.Catalog;

/// <summary>An organization that builds models, with its country of origin (ISO 3166 alpha-2).</summary>
/// <param name="Name">The canonical spelling.</param>
/// <param name="Country">Country of origin, e.g. <c>US</c>, <c>CN</c>, <c>FR</c>.</param>
public sealed record Organization(string Name, string Country);
