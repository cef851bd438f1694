namespace Parity.Cli.Commands;

/// <summary>One prompt's score in <c>route score --format json</c>.</summary>
internal sealed record RouteScoreJson(string Prompt, double StrongWinProbability);
