namespace Parity.Arena;

/// <summary>
/// Bootstrap replicates of a Bradley–Terry fit as LMArena computes them: the counts of the unique
/// (pair, outcome) cells are drawn from Multinomial(N, counts / N) — the same as resampling the
/// votes with replacement (<see cref="MultinomialSampler"/>) — and each replicate is refit. Refits start at the full fit and reuse
/// its curvature, so most cost a handful of gradient evaluations. Rounds run in parallel, each
/// with its own random stream derived from (seed, round), so the output does not depend on the
/// number of threads.
/// </summary>
internal static class BradleyTerryBootstrap
{
    /// <summary>Replicate strengths θ (mean 0), one row per round.</summary>
    public static double[][] Run(VoteTable table, BradleyTerryFit fit, int rounds, ulong seed, int parallelism, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var m = table.Models.Count;
        var pairs = table.PairCount;

        // The cells: for each pair, i wins / tie / j wins, only those that occurred.
        var cellPair = new List<int>(pairs * 3);
        var cellKind = new List<byte>(pairs * 3);
        var cellCount = new List<long>(pairs * 3);
        for (var p = 0; p < pairs; p++)
        {
            Add(p, 2, table.WinsI[p]);
            Add(p, 1, table.Ties[p]);
            Add(p, 0, table.WinsJ[p]);
        }

        void Add(int p, byte kind, int count)
        {
            if (count > 0)
            {
                cellPair.Add(p);
                cellKind.Add(kind);
                cellCount.Add(count);
            }
        }

        var cellsPair = cellPair.ToArray();
        var cellsKind = cellKind.ToArray();
        var counts = cellCount.ToArray();
        var total = table.TotalVotes;
        // Gradient 1e-7·N in vote units moves a rating by ~1e-3 points: 10× stricter than FastChat's
        // gtol 1e-6 on weights divided by N, and far below the bootstrap's own Monte-Carlo noise.
        var tolerance = 1e-7 * Math.Max(1, total);
        var results = new double[rounds][];
        var done = 0;
        var sampler = new MultinomialSampler(counts);
        Parallel.For(
            0,
            rounds,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            () => new Workspace(m, pairs, counts.Length),
            (round, _, work) =>
            {
                var random = new SplitMix(seed, (ulong)round);
                sampler.Draw(random, work.Drawn, work.Tree);
                Array.Clear(work.N);
                Array.Clear(work.S);
                for (var c = 0; c < work.Drawn.Length; c++)
                {
                    var p = cellsPair[c];
                    var k = work.Drawn[c];
                    work.N[p] += k;
                    work.S[p] += cellsKind[c] * 0.5 * k;
                }

                var data = new PairData(m, table.PairI, table.PairJ, work.N, work.S);
                var theta = (double[])fit.Theta.Clone();
                if (!BradleyTerrySolver.Chord(data, theta, fit.Curvature, tolerance, 60, work.Gradient))
                {
                    // A replicate far from the full data (or one where a model only won): plain Newton,
                    // which lets such ratings run off as the likelihood says they should.
                    BradleyTerrySolver.Newton(data, theta, tolerance, 100);
                }

                BradleyTerrySolver.Center(theta);
                results[round] = theta;
                progress?.Report(Interlocked.Increment(ref done));
                return work;
            },
            _ => { });
        return results;
    }

    private sealed class Workspace(int models, int pairs, int cells)
    {
        public long[] Drawn { get; } = new long[cells];
        public long[] Tree { get; } = new long[cells + 1];
        public double[] N { get; } = new double[pairs];
        public double[] S { get; } = new double[pairs];
        public double[] Gradient { get; } = new double[models];
    }
}
