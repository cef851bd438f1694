namespace Parity.Claims;

/// <summary>
/// <c>benchmark-ratio</c>: "X % of the capability" read the way the press computes it: the challenger's benchmark
/// score as a share of the leader's, on every benchmark both report (series <c>benchmark_scores</c>). P(true) is the
/// share of 4,000 bootstrap resamples of those benchmarks whose mean ratio lies between <c>min</c> and <c>max</c>.
/// </summary>
public sealed class BenchmarkRatioClaim : ClaimTest
{
    public const string Series = "benchmark_scores";

    public const int Draws = 4000;

    public required string Challenger { get; init; }

    public required string Leader { get; init; }

    /// <summary>The benchmarks to use; empty = every benchmark both models report.</summary>
    public IReadOnlyList<string> Benchmarks { get; init; } = [];

    public required double Min { get; init; }

    public required double Max { get; init; }

    public override IEnumerable<(string Field, string Name)> SeriesNames => [("series", Series)];

    public override IEnumerable<(string Field, string Name)> ModelNames => [("challenger", Challenger), ("leader", Leader)];

    public override bool Volatile => true;

    public override IEnumerable<DateTimeOffset> ChangeMoments(ClaimData data) => SeriesMoments(data, Series);

    public override ReadingResult Check(ClaimData data)
    {
        var mine = data.Rows(this, Series, new Dictionary<string, string> { ["model"] = Challenger });
        var theirs = data.Rows(this, Series, new Dictionary<string, string> { ["model"] = Leader });
        var pairs = (from a in mine
                     join b in theirs on a["benchmark"] equals b["benchmark"]
                     where Benchmarks.Count == 0 || Benchmarks.Contains(a["benchmark"], StringComparer.OrdinalIgnoreCase)
                     where b.Value > 0
                     select (Benchmark: a["benchmark"], Mine: a, Theirs: b, Ratio: a.Value / b.Value)).ToList();
        if (pairs.Count == 0)
        {
            throw Error($"field 'benchmarks': {Challenger} and {Leader} report no benchmark in common in {Series}");
        }

        var random = new Random(20251207);
        var hits = 0;
        for (var d = 0; d < Draws; d++)
        {
            var sum = 0.0;
            for (var i = 0; i < pairs.Count; i++)
            {
                sum += pairs[random.Next(pairs.Count)].Ratio;
            }

            var mean = sum / pairs.Count;
            hits += mean >= Min && mean <= Max ? 1 : 0;
        }

        var meanRatio = pairs.Average(p => p.Ratio);
        var evidence = pairs.Select(p => new ClaimEvidence(
            $"{p.Benchmark}: {Challenger} {ClaimText.N(p.Mine.Value, "0.###")} vs {Leader} {ClaimText.N(p.Theirs.Value, "0.###")} → {ClaimText.P(p.Ratio)} of the leader's score" +
            (p.Mine["self_reported"] == "yes" ? " (self-reported)" : ""), $"{p.Mine.Source}; {p.Mine.Url} / {p.Theirs.Url}", p.Mine.Published)).ToList();
        var summary = $"{Challenger} scores {ClaimText.P(meanRatio)} of {Leader}'s score on average over {pairs.Count} benchmark{(pairs.Count == 1 ? "" : "s")} " +
            $"({string.Join(", ", pairs.Select(p => $"{p.Benchmark} {ClaimText.P(p.Ratio)}"))}); claimed {ClaimText.P(Min)}–{ClaimText.P(Max)}; scores as published by {pairs[0].Mine.Published}.";
        return ReadingResult.FromProbability(this, hits / (double)Draws, summary,
            $"benchmark score ratios (challenger ÷ leader) on every benchmark both report; P = share of {Draws} bootstrap resamples of the benchmarks whose mean ratio is within min–max", evidence);
    }
}
