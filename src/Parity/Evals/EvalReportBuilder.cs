namespace Parity.Evals;

/// <summary>Builds an <see cref="EvalReport"/> from stored results.</summary>
public static class EvalReportBuilder
{
    public static EvalReport Build(EvalRunInfo run, IReadOnlyList<EvalResultRecord> results, IReadOnlyList<string>? modelOrder = null)
    {
        var byModel = results.GroupBy(r => r.Model).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var models = (modelOrder ?? []).Where(byModel.ContainsKey).Concat(byModel.Keys.Order(StringComparer.Ordinal)).Distinct().ToList();
        var summaries = models.Select(m => Summarize(m, byModel[m])).ToList();
        var pairs = new List<PairedComparison>();
        for (var i = 0; i < models.Count; i++)
        {
            for (var j = i + 1; j < models.Count; j++)
            {
                pairs.Add(Compare(models[i], byModel[models[i]], models[j], byModel[models[j]]));
            }
        }

        return new EvalReport(run, summaries, pairs);
    }

    private static ModelResultSummary Summarize(string model, List<EvalResultRecord> rows)
    {
        var ok = rows.Where(r => r.Status == EvalResultRecord.Ok).ToList();
        var perItem = ok.GroupBy(r => r.ItemId).Select(g => g.Select(r => r.Score ?? 0).ToList()).ToList();
        var items = perItem.Count;
        var correct = perItem.Sum(s => s.Average());
        var (low, high) = EvalStatistics.Wilson(correct, items);

        var passAtK = new Dictionary<string, double>();
        if (perItem.Count > 0)
        {
            var minSamples = perItem.Min(s => s.Count);
            foreach (var k in new[] { 1, 5, 10 }.Where(k => k <= minSamples))
            {
                passAtK["pass@" + k] = perItem.Average(s => EvalStatistics.PassAtK(s.Count, s.Count(x => x >= 0.5), k));
            }
        }

        var known = ok.Where(r => r.CostUsd is not null).ToList();
        decimal? cost = known.Count == 0 ? null : known.Sum(r => (decimal)r.CostUsd!.Value);
        var callsPerItem = items == 0 ? 0 : (double)ok.Count / items;
        decimal? perCall = known.Count == 0 ? null : cost / known.Count;
        decimal? perItemCost = perCall is { } pc ? pc * (decimal)callsPerItem : null;
        var latencies = ok.Where(r => r.LatencyMs is not null).Select(r => r.LatencyMs!.Value).Order().ToList();
        var prompt = ok.Where(r => r.PromptTokens is not null).Select(r => (double)r.PromptTokens!.Value).ToList();
        var completion = ok.Where(r => r.CompletionTokens is not null).Select(r => (double)r.CompletionTokens!.Value).ToList();
        var totalTokens = prompt.Count == 0 && completion.Count == 0 ? (long?)null : (long)(prompt.Sum() + completion.Sum());
        var allLatenciesZero = latencies.Count > 0 && latencies[^1] <= 0;
        return new ModelResultSummary
        {
            Model = model,
            Items = items,
            Errors = rows.Count(r => r.Status != EvalResultRecord.Ok),
            Correct = correct,
            Accuracy = items == 0 ? double.NaN : correct / items,
            AccuracyLow = low,
            AccuracyHigh = high,
            PassAtK = passAtK,
            CostUsd = cost,
            UnknownCostCalls = ok.Count - known.Count,
            CostPerItem = perItemCost,
            CostPer1000Items = perItemCost * 1000,
            CorrectPerDollar = cost is > 0 && known.Count == ok.Count ? correct / (double)cost.Value : null,
            MeanPromptTokens = prompt.Count == 0 ? null : prompt.Average(),
            MeanCompletionTokens = completion.Count == 0 ? null : completion.Average(),
            TotalTokens = totalTokens,
            LatencyP50Ms = latencies.Count == 0 || allLatenciesZero ? null : EvalStatistics.Percentile(latencies, 0.5),
            LatencyP90Ms = latencies.Count == 0 || allLatenciesZero ? null : EvalStatistics.Percentile(latencies, 0.9),
            LatencyP99Ms = latencies.Count == 0 || allLatenciesZero ? null : EvalStatistics.Percentile(latencies, 0.99),
        };
    }

    private static PairedComparison Compare(string a, List<EvalResultRecord> rowsA, string b, List<EvalResultRecord> rowsB)
    {
        static Dictionary<string, EvalResultRecord> FirstSample(List<EvalResultRecord> rows) =>
            rows.Where(r => r.Status == EvalResultRecord.Ok && r.Sample == 0).ToDictionary(r => r.ItemId, StringComparer.Ordinal);

        var first = FirstSample(rowsA);
        var second = FirstSample(rowsB);
        int bothRight = 0, onlyA = 0, onlyB = 0, bothWrong = 0;
        decimal costA = 0, costB = 0;
        bool knownA = true, knownB = true;
        foreach (var (item, ra) in first)
        {
            if (!second.TryGetValue(item, out var rb))
            {
                continue;
            }

            var rightA = (ra.Score ?? 0) >= 0.5;
            var rightB = (rb.Score ?? 0) >= 0.5;
            if (rightA && rightB)
            {
                bothRight++;
            }
            else if (rightA)
            {
                onlyA++;
            }
            else if (rightB)
            {
                onlyB++;
            }
            else
            {
                bothWrong++;
            }

            if (ra.CostUsd is { } ca)
            {
                costA += (decimal)ca;
            }
            else
            {
                knownA = false;
            }

            if (rb.CostUsd is { } cb)
            {
                costB += (decimal)cb;
            }
            else
            {
                knownB = false;
            }
        }

        var n = bothRight + onlyA + onlyB + bothWrong;
        var accA = n == 0 ? double.NaN : (double)(bothRight + onlyA) / n;
        var accB = n == 0 ? double.NaN : (double)(bothRight + onlyB) / n;
        var diff = accA - accB;
        var se = n == 0 ? double.NaN : Math.Sqrt(Math.Max(0, (onlyA + onlyB) - Math.Pow(onlyA - onlyB, 2) / n)) / n;
        var (p, midP) = EvalStatistics.McNemar(onlyA, onlyB);
        decimal? per1000A = knownA && n > 0 ? costA / n * 1000 : null;
        decimal? per1000B = knownB && n > 0 ? costB / n * 1000 : null;
        string? cheaper = null;
        decimal? saving = null;
        double? savingFraction = null;
        if (per1000A is { } x && per1000B is { } y && x != y)
        {
            cheaper = x < y ? a : b;
            saving = Math.Abs(x - y);
            var dearer = Math.Max(x, y);
            savingFraction = dearer == 0 ? null : (double)(saving.Value / dearer);
        }

        return new PairedComparison
        {
            ModelA = a,
            ModelB = b,
            Items = n,
            BothRight = bothRight,
            OnlyA = onlyA,
            OnlyB = onlyB,
            BothWrong = bothWrong,
            AccuracyA = accA,
            AccuracyB = accB,
            Difference = diff,
            DifferenceLow = diff - 1.959963984540054 * se,
            DifferenceHigh = diff + 1.959963984540054 * se,
            PValue = p,
            MidPValue = midP,
            CostPer1000A = per1000A,
            CostPer1000B = per1000B,
            Cheaper = cheaper,
            SavingPer1000 = saving,
            SavingFraction = savingFraction,
        };
    }
}
