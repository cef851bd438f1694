using System.Globalization;

namespace Parity.Routing;

/// <summary>
/// How a router's scores are distributed over prompts like its training data: the 0th to 100th percentile
/// of P(strong wins), measured on prompts the scoring router did not see (k-fold, out of fold). It turns a
/// cost target ("at most 30 % of calls to the strong model") into a threshold: the score above which
/// that share of such prompts lies. Stored in the router file's <c>calibration</c> field.
/// </summary>
/// <param name="Method">How the scores were obtained, e.g. "5-fold out-of-fold scores of the training items (seed 42)".</param>
/// <param name="Items">How many prompts were scored.</param>
/// <param name="Percentiles">101 ascending scores: entry p is the p-th percentile.</param>
internal sealed record RouterCalibration(string Method, int Items, double[] Percentiles)
{
    /// <summary>Entries of <see cref="Percentiles"/>: 0 %, 1 %, …, 100 %.</summary>
    public const int PercentileCount = 101;

    /// <summary>
    /// Scores every item with a router trained on the other folds (the same kind and options as the router
    /// being calibrated) and keeps the percentiles: in-sample scores of a router are more extreme than the
    /// scores it gives to new prompts, so a threshold read from them would send a different share.
    /// </summary>
    public static RouterCalibration OutOfFold(IReadOnlyList<string> models, IReadOnlyList<OutcomeItem> items, string strong, string weak, RouterTrainingOptions options, int folds, Action<string>? progress = null)
    {
        if (folds < 2)
        {
            throw new ParityException($"calibration: --calibration-folds must be at least 2 (got {folds}).");
        }

        if (items.Count < folds * 2)
        {
            throw new ParityException($"calibration: {items.Count} items are too few for {folds} folds.");
        }

        var order = Enumerable.Range(0, items.Count).ToArray();
        new Random(options.Seed).Shuffle(order);
        var scores = new double[items.Count];
        for (var f = 0; f < folds; f++)
        {
            progress?.Invoke($"calibration fold {f + 1}/{folds}");
            var train = order.Where((_, pos) => pos % folds != f).Select(i => items[i]).ToList();
            var router = RouterTrainer.Train(models, train, strong, weak, options);
            foreach (var i in order.Where((_, pos) => pos % folds == f))
            {
                scores[i] = router.StrongWinProbability(items[i].Prompt);
            }
        }

        return FromScores(scores, $"{folds.ToString(CultureInfo.InvariantCulture)}-fold out-of-fold scores of the training items (seed {options.Seed.ToString(CultureInfo.InvariantCulture)})");
    }

    /// <summary>The percentiles of <paramref name="scores"/> (linear interpolation between order statistics).</summary>
    public static RouterCalibration FromScores(IReadOnlyCollection<double> scores, string method)
    {
        if (scores.Count == 0)
        {
            throw new ArgumentException("no scores", nameof(scores));
        }

        var sorted = scores.Order().ToArray();
        var percentiles = new double[PercentileCount];
        for (var p = 0; p < PercentileCount; p++)
        {
            var at = p / 100.0 * (sorted.Length - 1);
            var lo = (int)Math.Floor(at);
            var hi = Math.Min(lo + 1, sorted.Length - 1);
            percentiles[p] = sorted[lo] + ((at - lo) * (sorted[hi] - sorted[lo]));
        }

        return new RouterCalibration(method, scores.Count, percentiles);
    }

    /// <summary>
    /// The threshold that sends <paramref name="strongShare"/> of calibration prompts to the strong model
    /// (score ≥ threshold): the (1 − share) quantile, interpolated between percentiles.
    /// </summary>
    public double ThresholdFor(double strongShare)
    {
        var at = (1 - strongShare) * 100;
        var lo = Math.Clamp((int)Math.Floor(at), 0, PercentileCount - 1);
        var hi = Math.Min(lo + 1, PercentileCount - 1);
        return Percentiles[lo] + ((at - lo) * (Percentiles[hi] - Percentiles[lo]));
    }

    /// <summary>The share of calibration prompts scoring at or above <paramref name="threshold"/> (the inverse of <see cref="ThresholdFor"/>).</summary>
    public double StrongShareAt(double threshold)
    {
        if (threshold <= Percentiles[0])
        {
            return 1;
        }

        if (threshold > Percentiles[^1])
        {
            return 0;
        }

        for (var p = 1; p < PercentileCount; p++)
        {
            if (threshold <= Percentiles[p])
            {
                var width = Percentiles[p] - Percentiles[p - 1];
                var within = width > 0 ? (threshold - Percentiles[p - 1]) / width : 1;
                return 1 - ((p - 1 + within) / 100.0);
            }
        }

        return 0;
    }
}
