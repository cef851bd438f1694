namespace Parity.Arena;

/// <summary>How often <paramref name="Model"/> beats <paramref name="Opponent"/>: predicted from the ratings and observed (ties as half).</summary>
public sealed record PairwiseWinRate(string Model, string Opponent, double Predicted, double? Observed, int Battles);
