namespace Parity.Cli.Commands;

/// <summary>Predicted and observed win rate against one opponent (<c>--matrix</c>).</summary>
internal sealed record ArenaVersusJson(string Opponent, double Predicted, double? Observed, int Battles);
