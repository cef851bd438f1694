using System.Globalization;

namespace Parity.Routing;

/// <summary>
/// Held-out cost-quality evaluation of a multi-model router on per-item outcomes with recorded costs.
/// Items are split k-fold with a fixed seed; on the training folds a <see cref="ModelSuccessPredictor"/> learns
/// every model's chance of answering well, and each model's mean cost and accuracy are measured. On the unseen fold
/// the router sends each prompt to the model with the highest predicted score − λ × (its training-fold mean cost),
/// for λ from 0 (best predicted quality) up to the point where the cheapest model always wins; each λ gives one
/// point (mean recorded cost, mean score) of the curve. Baselines on the same items: every single model, the oracle
/// (cheapest model with the best score per item), and <c>cheapest-meeting</c>, the cheapest model whose
/// training-fold accuracy meets a bar, for bars at each model's accuracy. Quality intervals and the router-minus-
/// baseline gains are bootstrap 95% intervals over the evaluated items (the λ of a comparison is chosen on those
/// same items, so the gain is a little optimistic).
/// </summary>
internal static class ParetoEvaluator
{
    /// <summary>λ values, in score points per USD per call: 0 and 10^0 … 10^6 in steps of 10^0.1.</summary>
    private static readonly double[] Lambdas = [0, .. Enumerable.Range(0, 61).Select(e => Math.Pow(10, e / 10.0))];

    public static ParetoResult Run(OutcomeSet data, IReadOnlyList<string> modelNames, RouteEvalOptions options, Action<string>? progress = null)
    {
        var models = modelNames.Select(n => data.IndexOf(n, "--models")).Distinct().ToList();
        if (models.Count < 2)
        {
            throw new ParityException($"{data.Source}: --models names {models.Count} model; the multi-model router needs at least two.");
        }

        if (data.Items.All(i => i.Costs is null))
        {
            throw new ParityException($"{data.Source}: the data records no cost per call; the cost-quality curve needs one (RouterBench's total_cost_usd).");
        }

        var items = data.Items.Where(i => i.Costs is not null && models.All(m => i.Scores[m] is not null && i.Costs[m] is not null)).ToList();
        if (items.Count < 2 * Math.Max(2, options.Folds))
        {
            throw new ParityException($"{data.Source}: only {items.Count} items have a score and a cost for every model of --models; too few to split {options.Folds}-fold.");
        }

        var n = items.Count;
        var k = models.Count;
        var score = items.Select(i => models.Select(m => i.Scores[m]!.Value).ToArray()).ToArray();
        var cost = items.Select(i => models.Select(m => i.Costs![m]!.Value).ToArray()).ToArray();
        var accuracy = Enumerable.Range(0, k).Select(m => score.Average(s => s[m])).ToArray();
        var bars = accuracy.Distinct().Order().ToArray();

        // Held-out decisions: router choice per λ, cheapest-meeting choice per bar.
        var routerChoice = new int[Lambdas.Length][];
        for (var l = 0; l < Lambdas.Length; l++)
        {
            routerChoice[l] = new int[n];
        }

        var barChoice = bars.Select(_ => new int[n]).ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        new Random(options.Seed).Shuffle(order);
        var folds = Math.Max(2, options.Folds);
        for (var f = 0; f < folds; f++)
        {
            progress?.Invoke($"fold {f + 1}/{folds}: training {k} model predictors");
            var test = order.Where((_, pos) => pos % folds == f).ToList();
            var train = order.Where((_, pos) => pos % folds != f).ToList();
            var predictor = ModelSuccessPredictor.Train(train.Select(i => items[i]).ToList(), models, options.Training);
            var trainCost = Enumerable.Range(0, k).Select(m => train.Average(i => cost[i][m])).ToArray();
            var trainAccuracy = Enumerable.Range(0, k).Select(m => train.Average(i => score[i][m])).ToArray();
            var byCost = Enumerable.Range(0, k).OrderBy(m => trainCost[m]).ToArray();
            var mostAccurate = Enumerable.Range(0, k).MaxBy(m => trainAccuracy[m]);
            var meeting = bars.Select(b => byCost.Cast<int?>().FirstOrDefault(m => trainAccuracy[m!.Value] >= b - 1e-12) ?? mostAccurate).ToArray();
            foreach (var i in test)
            {
                var p = predictor.Predict(items[i].Prompt);
                for (var l = 0; l < Lambdas.Length; l++)
                {
                    var best = 0;
                    var bestValue = double.NegativeInfinity;
                    for (var m = 0; m < k; m++)
                    {
                        var v = p[m] - (Lambdas[l] * trainCost[m]);
                        if (v > bestValue)
                        {
                            bestValue = v;
                            best = m;
                        }
                    }

                    routerChoice[l][i] = best;
                }

                for (var b = 0; b < bars.Length; b++)
                {
                    barChoice[b][i] = meeting[b];
                }
            }
        }

        // The oracle: per item the cheapest model among those with the best score.
        var oracleChoice = Enumerable.Range(0, n).Select(i =>
        {
            var top = score[i].Max();
            return Enumerable.Range(0, k).Where(m => score[i][m] >= top - 1e-12).MinBy(m => cost[i][m]);
        }).ToArray();
        var singleChoice = Enumerable.Range(0, k).Select(m => Enumerable.Repeat(m, n).ToArray()).ToArray();

        double Quality(int[] choice, IReadOnlyList<int> sample) => sample.Average(i => score[i][choice[i]]);
        double Cost(int[] choice) => Enumerable.Range(0, n).Average(i => cost[i][choice[i]]);
        var all = Enumerable.Range(0, n).ToArray();

        // The router's Pareto points: sorted by cost, keep a point only when it is better than every cheaper one.
        var routerPoints = Enumerable.Range(0, Lambdas.Length).Select(l => (L: l, Cost: Cost(routerChoice[l]), Quality: Quality(routerChoice[l], all))).OrderBy(p => p.Cost).ThenByDescending(p => p.Quality).ToList();
        var frontier = new List<(int L, double Cost, double Quality)>();
        foreach (var p in routerPoints)
        {
            if (frontier.Count == 0 || p.Quality > frontier[^1].Quality + 1e-12)
            {
                frontier.Add(p);
            }
        }

        // Comparisons: the router's best point within each baseline's budget, and its cheapest point at least as good.
        var baselines = Enumerable.Range(0, k).Select(m => (Label: data.Models[models[m]], Choice: singleChoice[m]))
            .Concat(bars.Select((b, j) => (Label: BarLabel(b, data.Models[models[barChoice[j][0]]], barChoice[j]), Choice: barChoice[j]))).ToList();
        var matched = baselines.Select(b =>
        {
            var budget = Cost(b.Choice);
            var quality = Quality(b.Choice, all);
            var within = frontier.Where(p => p.Cost <= budget + 1e-15).Cast<(int L, double Cost, double Quality)?>().LastOrDefault();
            var equal = frontier.Where(p => p.Quality >= quality - 1e-12).Cast<(int L, double Cost, double Quality)?>().FirstOrDefault();
            return (b.Label, b.Choice, Budget: budget, Quality: quality, Within: within, Equal: equal);
        }).ToList();

        progress?.Invoke($"bootstrap, {options.BootstrapRounds:N0} rounds");
        var random = new Random(options.Seed + 1);
        var frontierRounds = frontier.Select(_ => new List<double>()).ToArray();
        var singleRounds = singleChoice.Select(_ => new List<double>()).ToArray();
        var barRounds = bars.Select(_ => new List<double>()).ToArray();
        var oracleRounds = new List<double>();
        var gainRounds = matched.Select(_ => new List<double>()).ToArray();
        var sample = new int[n];
        for (var r = 0; r < options.BootstrapRounds; r++)
        {
            for (var i = 0; i < n; i++)
            {
                sample[i] = random.Next(n);
            }

            for (var p = 0; p < frontier.Count; p++)
            {
                frontierRounds[p].Add(Quality(routerChoice[frontier[p].L], sample));
            }

            for (var m = 0; m < k; m++)
            {
                singleRounds[m].Add(Quality(singleChoice[m], sample));
            }

            for (var b = 0; b < bars.Length; b++)
            {
                barRounds[b].Add(Quality(barChoice[b], sample));
            }

            oracleRounds.Add(Quality(oracleChoice, sample));
            for (var c = 0; c < matched.Count; c++)
            {
                if (matched[c].Within is { } w)
                {
                    gainRounds[c].Add(Quality(routerChoice[w.L], sample) - Quality(matched[c].Choice, sample));
                }
            }
        }

        ParetoPoint Point(string label, int[] choice, List<double> rounds, double? lambda = null)
        {
            var q = MetricEstimate.From(Quality(choice, all), rounds);
            return new ParetoPoint(label, Cost(choice), q.Value, q.Low, q.High, lambda);
        }

        return new ParetoResult
        {
            Source = data.Source,
            Benchmark = data.Benchmark,
            Models = models.Select(m => data.Models[m]).ToList(),
            Items = n,
            Split = $"{folds}-fold cross-validation by item (seed {options.Seed})",
            BootstrapRounds = options.BootstrapRounds,
            CostBasis = "the cost recorded for each call in the data (RouterBench's total_cost_usd: the prompt and completion tokens of that call at the prices RouterBench used); the router estimates a model's cost as its mean over the training folds",
            SingleModels = Enumerable.Range(0, k).Select(m => Point(data.Models[models[m]], singleChoice[m], singleRounds[m])).OrderBy(p => p.Cost).ToList(),
            Router = frontier.Select((p, j) => Point($"λ = {Lambdas[p.L].ToString("G3", CultureInfo.InvariantCulture)}", routerChoice[p.L], frontierRounds[j], Lambdas[p.L])).ToList(),
            CheapestMeeting = bars.Select((b, j) => Point(baselines[k + j].Label, barChoice[j], barRounds[j])).ToList(),
            Oracle = Point("oracle", oracleChoice, oracleRounds),
            Comparisons = Enumerable.Range(0, matched.Count)
                .OrderBy(j => matched[j].Label.StartsWith("cheapest-meeting", StringComparison.Ordinal)).ThenBy(j => matched[j].Budget)
                .Select(j => new ParetoComparison(matched[j].Label, matched[j].Budget, matched[j].Quality, matched[j].Within?.Cost, matched[j].Within?.Quality,
                    matched[j].Within is { } w ? MetricEstimate.From(w.Quality - matched[j].Quality, gainRounds[j]) : null, matched[j].Equal?.Cost))
                .ToList(),
        };
    }

    private static string BarLabel(double bar, string firstPick, int[] choice) =>
        choice.Distinct().Count() == 1
            ? $"cheapest-meeting ≥ {(bar * 100).ToString("0.0", CultureInfo.InvariantCulture)}% → {firstPick}"
            : $"cheapest-meeting ≥ {(bar * 100).ToString("0.0", CultureInfo.InvariantCulture)}% (model varies by fold)";
}
