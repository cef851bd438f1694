namespace Parity.Catalog;

/// <summary>A name a source uses that the catalog could not match to a known model or organization, or a record it could not use.</summary>
/// <param name="Kind"><c>model</c> or <c>organization</c> (no match), or <c>implausible price</c> (a rate of $1,000 or more per million tokens, a unit error in the source; the record is not used).</param>
/// <param name="Name">The name as the source spells it.</param>
/// <param name="Provider">The provider the source lists it under, for price feeds.</param>
/// <param name="Source">The feed's label.</param>
public sealed record UnmatchedName(string Kind, string Name, string? Provider, string Source);
