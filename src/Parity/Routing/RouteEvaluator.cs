using System.Globalization;

namespace Parity.Routing;

/// <summary>
/// Held-out evaluation of a router kind on recorded outcomes: split by item with a fixed seed (k-fold or one
/// held-out share), train on the rest, score the unseen items, and compute RouteLLM's metrics for the router,
/// the random router and the oracle, with bootstrap 95% intervals over the evaluated items.
/// </summary>
internal static class RouteEvaluator
{
    public static RouteEvalResult Run(OutcomeSet data, string strongName, string weakName, RouteEvalOptions options, Action<string>? progress = null)
    {
        var s = data.IndexOf(strongName, "--strong");
        var w = data.IndexOf(weakName, "--weak");
        if (s == w)
        {
            throw new ParityException($"{data.Source}: --strong and --weak name the same model ({data.Models[s]}).");
        }

        var items = data.Paired(s, w);
        if (items.Count < 10)
        {
            throw new ParityException($"{data.Source}: only {items.Count} items have outcomes of both {data.Models[s]} and {data.Models[w]}; at least 10 are needed.");
        }

        var strong = items.Select(i => i.Scores[s]!.Value).ToArray();
        var weak = items.Select(i => i.Scores[w]!.Value).ToArray();
        var order = Enumerable.Range(0, items.Count).ToArray();
        new Random(options.Seed).Shuffle(order);
        var scores = new double[items.Count];
        List<int> evaluated;
        string split;
        if (options.Folds <= 1)
        {
            var testCount = Math.Max(1, (int)Math.Round(items.Count * options.TestShare));
            evaluated = order.Take(testCount).ToList();
            var train = order.Skip(testCount).Select(i => items[i]).ToList();
            progress?.Invoke($"training on {train.Count:N0} items");
            Score(data, train, items, evaluated, s, w, options.Training, scores);
            split = $"held-out {options.TestShare.ToString("P0", CultureInfo.InvariantCulture)} of items (seed {options.Seed})";
        }
        else
        {
            evaluated = [.. order];
            for (var f = 0; f < options.Folds; f++)
            {
                progress?.Invoke($"fold {f + 1}/{options.Folds}");
                var test = order.Where((_, pos) => pos % options.Folds == f).ToList();
                var train = order.Where((_, pos) => pos % options.Folds != f).Select(i => items[i]).ToList();
                Score(data, train, items, test, s, w, options.Training, scores);
            }

            split = $"{options.Folds}-fold cross-validation by item (seed {options.Seed})";
        }

        progress?.Invoke($"bootstrap, {options.BootstrapRounds:N0} rounds");
        var routerCurve = RoutingCurve.FromScores(evaluated, scores, strong, weak, options.Seed);
        var oracleCurve = RoutingCurve.Oracle(evaluated, strong, weak);
        var random = new Random(options.Seed + 1);
        var rounds = new Dictionary<string, List<double>>();
        void Add(string key, double v)
        {
            if (!double.IsNaN(v))
            {
                (rounds.TryGetValue(key, out var list) ? list : rounds[key] = []).Add(v);
            }
        }

        var shares = Enumerable.Range(0, 21).Select(i => i / 20.0).ToArray();
        var bandRounds = shares.Select(_ => new List<double>()).ToArray();
        for (var b = 0; b < options.BootstrapRounds; b++)
        {
            var sample = new int[evaluated.Count];
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = evaluated[random.Next(evaluated.Count)];
            }

            var r = RoutingCurve.FromScores(sample, scores, strong, weak, random.Next());
            var shuffled = (int[])sample.Clone();
            random.Shuffle(shuffled);
            var rnd = RoutingCurve.FromOrder(shuffled, strong, weak);
            var o = RoutingCurve.Oracle(sample, strong, weak);
            foreach (var (name, c) in new[] { ("router", r), ("random", rnd), ("oracle", o) })
            {
                Add(name + ".apgr", c.Apgr());
                Add(name + ".cpt50", c.Cpt(0.5));
                Add(name + ".cpt80", c.Cpt(0.8));
                Add(name + ".cpt95", c.Cpt(0.95));
            }

            Add("gain", r.Apgr() - rnd.Apgr());
            for (var p = 0; p < shares.Length; p++)
            {
                bandRounds[p].Add(r.QualityAt(shares[p]));
            }
        }

        List<double> Rounds(string key) => rounds.TryGetValue(key, out var list) ? list : [];
        RouterMetrics Metrics(string label, string key, RoutingCurve? c) => new(
            label,
            MetricEstimate.From(c?.Apgr() ?? 0.5, Rounds(key + ".apgr")),
            MetricEstimate.From(c?.Cpt(0.5) ?? 0.5, Rounds(key + ".cpt50")),
            MetricEstimate.From(c?.Cpt(0.8) ?? 0.8, Rounds(key + ".cpt80")),
            MetricEstimate.From(c?.Cpt(0.95) ?? 0.95, Rounds(key + ".cpt95")));

        var kind = options.Training.Kind.ToString().ToLowerInvariant();
        var curve = shares.Select((share, p) =>
        {
            var band = MetricEstimate.From(routerCurve.QualityAt(share), bandRounds[p]);
            var randomQuality = routerCurve.WeakQuality + (share * (routerCurve.StrongQuality - routerCurve.WeakQuality));
            return new CurvePoint(share, band.Value, band.Low, band.High, randomQuality, oracleCurve.QualityAt(share));
        }).ToList();
        return new RouteEvalResult
        {
            Source = data.Source,
            Benchmark = data.Benchmark,
            Strong = data.Models[s],
            Weak = data.Models[w],
            RouterKind = kind,
            Split = split,
            Seed = options.Seed,
            BootstrapRounds = options.BootstrapRounds,
            Items = items.Count,
            EvaluatedItems = evaluated.Count,
            DroppedContaminated = data.DroppedContaminated,
            ContaminationList = data.ContaminationList,
            StrongQuality = routerCurve.StrongQuality,
            WeakQuality = routerCurve.WeakQuality,
            Routers = [Metrics(kind, "router", routerCurve), Metrics("random", "random", null), Metrics("oracle", "oracle", oracleCurve)],
            ApgrOverRandom = MetricEstimate.From(routerCurve.Apgr() - 0.5, Rounds("gain")),
            Curve = curve,
        };
    }

    private static void Score(OutcomeSet data, List<OutcomeItem> train, IReadOnlyList<OutcomeItem> items, IEnumerable<int> test, int s, int w, RouterTrainingOptions training, double[] scores)
    {
        if (training.Kind == RouterKind.Knn)
        {
            var knn = KnnRouter.Fit(train, s, w, training.Buckets);
            foreach (var i in test)
            {
                scores[i] = knn.StrongWinProbability(items[i].Prompt);
            }

            return;
        }

        var router = RouterTrainer.Train(data.Models, train, data.Models[s], data.Models[w], training);
        foreach (var i in test)
        {
            scores[i] = router.StrongWinProbability(items[i].Prompt);
        }
    }
}
