namespace Parity.Arena;

/// <summary>A fitted style-control coefficient (natural log-odds per standard deviation of the feature), with its bootstrap interval.</summary>
public sealed record StyleCoefficient(string Feature, double Value, double? Lower, double? Upper);
