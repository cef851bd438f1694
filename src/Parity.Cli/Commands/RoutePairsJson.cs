namespace Parity.Cli.Commands;

/// <summary>The output of <c>route pairs --format json</c>: every pair tried, how many beat random, and how many would by chance.</summary>
internal sealed record RoutePairsJson(string Source, int PairsTried, int PairsBeatingRandom, double ExpectedByChance, IReadOnlyList<RoutePairJson> Pairs);
