namespace Parity.Arena;

/// <summary>One model of an arena-catalog board: LMArena's key, its score and the published 95% interval.</summary>
public sealed record ArenaCatalogEntry(string ModelKey, double Rating, double Lower, double Upper);
