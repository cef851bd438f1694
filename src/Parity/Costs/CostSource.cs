namespace Parity.Costs;

/// <summary>Where a figure of the cost model comes from.</summary>
/// <param name="Title">The publication, in words.</param>
/// <param name="Url">Its address, when it has one.</param>
/// <param name="Date">When it was published or read (ISO date), when known.</param>
public sealed record CostSource(string Title, string? Url, string? Date);
