namespace Parity.Arena;

/// <summary>Turns loaded votes into a leaderboard: Bradley–Terry or online Elo, with intervals, rank bounds and optional style control.</summary>
public static class ArenaRater
{
    /// <summary>Computes the leaderboard. Progress reports bootstrap rounds done.</summary>
    public static ArenaLeaderboard Rate(VoteSet votes, ArenaRatingOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var table = votes.Table;
        var m = table.Models.Count;
        var anchor = -1;
        if (options.AnchorModel is { } anchorModel)
        {
            anchor = table.IndexOf(anchorModel);
            if (anchor < 0)
            {
                throw new ParityException($"--anchor: model '{anchorModel}' is not among the {m} rated models.");
            }
        }

        var rounds = options.Interval == IntervalMethod.None ? 0 : Math.Max(0, options.BootstrapRounds);
        var interval = rounds == 0 && options.Interval == IntervalMethod.Bootstrap ? IntervalMethod.None : options.Interval;
        if (options.Method == RatingMethod.Elo && interval == IntervalMethod.Sandwich)
        {
            throw new ParityException("the sandwich interval exists for Bradley–Terry only; use --method bt or the bootstrap.");
        }

        if (options.StyleControl && options.Method == RatingMethod.Elo)
        {
            throw new ParityException("--style-control needs --method bt.");
        }

        double[] point;
        double[][]? replicates = null;
        double[]? halfWidths = null;
        IReadOnlyList<StyleCoefficient>? coefficients = null;
        double? maxGradient = null;
        int? iterations = null;
        double[]? theta = null;

        if (options.Method == RatingMethod.Elo)
        {
            var sequence = votes.Sequence ?? throw new InvalidOperationException("online Elo needs the vote sequence; load with keepSequence.");
            point = Elo(sequence, m, OnlineElo.Order(sequence), options.EloK);
            if (interval == IntervalMethod.Bootstrap)
            {
                replicates = EloBootstrap(sequence, m, rounds, options, progress, cancellationToken);
            }
        }
        else if (options.StyleControl)
        {
            ComparisonGraph.EnsureMaximumExists(table);
            var sequence = votes.Sequence ?? throw new InvalidOperationException("style control needs the battles; load with keepStyle.");
            var style = new StyleControlFit(sequence, m);
            var full = style.Fit(null);
            point = full[..m].Select(r => 400 * r + 1000).ToArray();
            var betas = full[m..];
            double[][]? betaReplicates = null;
            if (interval == IntervalMethod.Bootstrap)
            {
                (replicates, betaReplicates) = StyleBootstrap(style, full, m, rounds, options, progress, cancellationToken);
            }
            else if (interval == IntervalMethod.Sandwich)
            {
                throw new ParityException("--style-control uses bootstrap intervals (as LMArena's 2024 code); drop --sandwich.");
            }

            coefficients = StyleControlFit.FeatureNames.Select((name, k) =>
            {
                if (betaReplicates is null)
                {
                    return new StyleCoefficient(name, betas[k], null, null);
                }

                var values = betaReplicates.Select(b => b[k]).ToArray();
                Array.Sort(values);
                return new StyleCoefficient(name, betas[k], Percentile(values, 0.025), Percentile(values, 0.975));
            }).ToList();
        }
        else
        {
            var fit = BradleyTerryFit.Fit(table);
            theta = fit.Theta;
            maxGradient = fit.MaxGradient;
            iterations = fit.Iterations;
            point = theta.Select(RatingScale.Rating).ToArray();
            if (interval == IntervalMethod.Bootstrap)
            {
                var thetas = BradleyTerryBootstrap.Run(table, fit, rounds, options.Seed, options.Parallelism, progress, cancellationToken);
                replicates = thetas.Select(t => t.Select(RatingScale.Rating).ToArray()).ToArray();
            }
            else if (interval == IntervalMethod.Sandwich)
            {
                halfWidths = SandwichInterval.StandardErrors(table, theta).Select(se => 1.959963984540054 * se * RatingScale.PointsPerLogit).ToArray();
            }
        }

        if (anchor >= 0)
        {
            Shift(point, options.AnchorScore - point[anchor]);
            if (replicates is not null)
            {
                foreach (var replicate in replicates)
                {
                    Shift(replicate, options.AnchorScore - replicate[anchor]);
                }
            }
        }

        var ratings = Assemble(table, point, replicates, halfWidths);
        IReadOnlyList<PairwiseWinRate>? matrix = options.Matrix ? Matrix(table, point, ratings) : null;
        return new ArenaLeaderboard(ratings, options.Method, interval, interval == IntervalMethod.Bootstrap ? rounds : 0, votes.Stats, coefficients, matrix, maxGradient, iterations);
    }

    private static double[] Elo(VoteSequence sequence, int m, IReadOnlyList<int> order, double k)
    {
        var ratings = Enumerable.Repeat(1000.0, m).ToArray();
        foreach (var r in order)
        {
            OnlineElo.Play(ratings, sequence.ModelA[r], sequence.ModelB[r], OnlineElo.Score((BattleOutcome)sequence.Outcome[r]), k, 10, 400);
        }

        return ratings;
    }

    private static double[][] EloBootstrap(VoteSequence sequence, int m, int rounds, ArenaRatingOptions options, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        // FastChat's compute_bootstrap_elo: each round plays N battles drawn with replacement, in the order drawn.
        var results = new double[rounds][];
        var done = 0;
        Parallel.For(0, rounds, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken }, round =>
        {
            var random = new SplitMix(options.Seed, (ulong)round);
            var order = new int[sequence.Count];
            for (var r = 0; r < order.Length; r++)
            {
                order[r] = random.NextInt(order.Length);
            }

            results[round] = Elo(sequence, m, order, options.EloK);
            progress?.Report(Interlocked.Increment(ref done));
        });
        return results;
    }

    private static (double[][] Ratings, double[][] Betas) StyleBootstrap(StyleControlFit style, double[] full, int m, int rounds, ArenaRatingOptions options, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var ratings = new double[rounds][];
        var betas = new double[rounds][];
        var done = 0;
        Parallel.For(0, rounds, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken }, round =>
        {
            var random = new SplitMix(options.Seed, (ulong)round);
            var weights = new double[style.Rows];
            for (var r = 0; r < weights.Length; r++)
            {
                weights[random.NextInt(weights.Length)]++;
            }

            var fit = style.Fit(weights, full);
            ratings[round] = fit[..m].Select(r => 400 * r + 1000).ToArray();
            betas[round] = fit[m..];
            progress?.Report(Interlocked.Increment(ref done));
        });
        return (ratings, betas);
    }

    private static void Shift(double[] values, double by)
    {
        for (var k = 0; k < values.Length; k++)
        {
            values[k] += by;
        }
    }

    /// <summary>The p-quantile of sorted values with linear interpolation (NumPy's and pandas' default).</summary>
    internal static double Percentile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static List<ArenaRating> Assemble(VoteTable table, double[] point, double[][]? replicates, double[]? halfWidths)
    {
        var m = point.Length;
        var lower = new double?[m];
        var upper = new double?[m];
        var variance = new double?[m];
        for (var i = 0; i < m; i++)
        {
            if (replicates is { Length: > 0 })
            {
                var values = replicates.Select(r => r[i]).ToArray();
                Array.Sort(values);
                lower[i] = Percentile(values, 0.025);
                upper[i] = Percentile(values, 0.975);
                var mean = values.Average();
                variance[i] = values.Length > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) : 0;
            }
            else if (halfWidths is not null)
            {
                lower[i] = point[i] - halfWidths[i];
                upper[i] = point[i] + halfWidths[i];
                variance[i] = Math.Pow(halfWidths[i] / 1.959963984540054, 2);
            }
        }

        var order = Enumerable.Range(0, m).OrderByDescending(i => point[i]).ThenBy(i => table.Models[i], StringComparer.Ordinal).ToArray();
        var ratings = new List<ArenaRating>(m);
        for (var position = 0; position < m; position++)
        {
            var i = order[position];
            int? best = null;
            int? worst = null;
            if (lower[i] is { } lo && upper[i] is { } up)
            {
                best = 1;
                worst = 1;
                for (var j = 0; j < m; j++)
                {
                    if (j == i)
                    {
                        continue;
                    }

                    if (lower[j] > up)
                    {
                        best++;
                    }

                    if (upper[j] > lo)
                    {
                        worst++;
                    }
                }
            }

            ratings.Add(new ArenaRating(table.Models[i], point[i], lower[i], upper[i], table.Votes[i], position + 1, best, worst, variance[i]));
        }

        return ratings;
    }

    private static List<PairwiseWinRate> Matrix(VoteTable table, double[] point, List<ArenaRating> ratings)
    {
        var m = point.Length;
        var battles = new int[m, m];
        var score = new double[m, m];
        for (var p = 0; p < table.PairCount; p++)
        {
            var i = table.PairI[p];
            var j = table.PairJ[p];
            var n = table.WinsI[p] + table.Ties[p] + table.WinsJ[p];
            battles[i, j] = battles[j, i] = n;
            score[i, j] = table.WinsI[p] + 0.5 * table.Ties[p];
            score[j, i] = table.WinsJ[p] + 0.5 * table.Ties[p];
        }

        var index = table.Models.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        var rows = new List<PairwiseWinRate>(m * (m - 1));
        foreach (var a in ratings)
        {
            var i = index[a.Model];
            foreach (var b in ratings)
            {
                var j = index[b.Model];
                if (i == j)
                {
                    continue;
                }

                var n = battles[i, j];
                rows.Add(new PairwiseWinRate(a.Model, b.Model, RatingScale.WinProbability(point[i], point[j]), n > 0 ? score[i, j] / n : null, n));
            }
        }

        return rows;
    }
}
