using Parity.Catalog;

namespace Parity.Costs;

/// <summary>Reproduces a published inference scenario: the accounting exactly, the throughput with the roofline.</summary>
public static class ScenarioModel
{
    /// <summary>Runs a scenario; <paramref name="overrides"/> supplies the roofline assumptions the file does not fix.</summary>
    public static ScenarioResult Run(InferenceScenario scenario, ModelCatalog catalog, CostData data, ServingOptions overrides)
    {
        var model = catalog.Find(scenario.Model) ?? throw new ParityException($"scenario model '{scenario.Model}' is not in the catalog.");
        var gpuHours = scenario.AverageNodes * scenario.GpusPerNode * scenario.Hours;
        var cost = gpuHours * scenario.PricePerGpuHour;
        var hits = scenario.InputTokens * scenario.CacheHitShare;
        var misses = scenario.InputTokens - hits;
        var p = scenario.Prices;
        var lines = new List<ScenarioResult.RevenueLine>
        {
            new("input, cache hit", hits, p.InputCacheHit, hits * p.InputCacheHit / 1_000_000m),
            new("input, cache miss", misses, p.InputCacheMiss, misses * p.InputCacheMiss / 1_000_000m),
            new("output", scenario.OutputTokens, p.Output, scenario.OutputTokens * p.Output / 1_000_000m),
        };
        var revenue = lines.Sum(l => l.Usd);
        var margin = (revenue - cost) / cost;

        var precision = scenario.Deployment.Precision?.ToLowerInvariant() switch
        {
            null => (Precision?)null,
            "fp8" => Precision.Fp8,
            "bf16" => Precision.Bf16,
            var other => throw new ParityException($"scenario deployment.precision: '{other}' is not fp8 or bf16."),
        };
        var roofline = ServingCostModel.Estimate(model, overrides with
        {
            Gpu = scenario.Gpu,
            GpusPerNode = scenario.GpusPerNode,
            PricePerGpuHour = scenario.PricePerGpuHour,
            Precision = overrides.Precision ?? precision,
            UnitNodes = overrides.UnitNodes ?? scenario.Deployment.DecodeUnitNodes,
            Utilisation = null,
        }, data);

        var published = scenario.PublishedFigures;
        var comparisons = new List<ScenarioResult.Comparison>();
        double? Compare(string figure, double computed, double? reported, string note)
        {
            if (reported is not { } r || r <= 0)
            {
                return null;
            }

            comparisons.Add(new(figure, computed, r, computed / r, note));
            return computed / r;
        }

        Compare("cost per day, USD", (double)cost, (double?)published.CostPerDayUsd, "nodes × GPUs per node × hours × price");
        Compare("revenue per day, USD", (double)revenue, (double?)published.RevenuePerDayUsd, "tokens × list prices; the provider rounds the token counts it publishes");
        Compare("cost-profit margin", (double)margin, (double?)published.CostProfitMargin, "(revenue − cost) ÷ cost");
        double? prefillRatio = null;
        if (published.PrefillTokensPerSecondPerNode is { } prefill)
        {
            var computedShare = 1 - (double)scenario.CacheHitShare;
            prefillRatio = Compare("prefill tokens/s per node, cache misses only", roofline.PrefillTokensPerSecondPerNode, prefill * computedShare,
                $"the published {prefill:N0} includes cache hits, which need no prefill compute: {prefill:N0} × (1 − {scenario.CacheHitShare}) are computed");
            Compare("prefill tokens/s per node, as published (cache hits included)", roofline.PrefillTokensPerSecondPerNode, prefill,
                "roofline computed tokens against the published figure as it stands");
        }

        var decodeRatio = Compare("decode tokens/s per node", roofline.DecodeTokensPerSecondPerNode, published.DecodeTokensPerSecondPerNode,
            "roofline at full load against the published mean over a day that includes low-load hours");

        return new ScenarioResult
        {
            Name = scenario.Name,
            Source = new CostSource(scenario.Source, scenario.Url, scenario.Published),
            GpuHours = gpuHours,
            CostUsd = cost,
            RevenueUsd = revenue,
            Revenue = lines,
            CostProfitMargin = margin,
            Formulas =
            [
                $"cost = {scenario.AverageNodes} nodes × {scenario.GpusPerNode} GPUs × {scenario.Hours} h × {scenario.PricePerGpuHour} USD = {cost:N2} USD",
                $"revenue = {hits:0.###e0} × {p.InputCacheHit} + {misses:0.###e0} × {p.InputCacheMiss} + {scenario.OutputTokens:0.###e0} × {p.Output} (USD per M) = {revenue:N2} USD",
                $"margin = ({revenue:N2} − {cost:N2}) ÷ {cost:N2} = {margin:P1}",
            ],
            Comparisons = comparisons,
            PrefillRooflineRatio = prefillRatio,
            DecodeRooflineRatio = decodeRatio,
            Roofline = roofline,
        };
    }
}
