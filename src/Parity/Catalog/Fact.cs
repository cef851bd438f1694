namespace Parity.Catalog;

/// <summary>A value and the source that states it.</summary>
public sealed record Fact<T>(T Value, FactSource Source);
