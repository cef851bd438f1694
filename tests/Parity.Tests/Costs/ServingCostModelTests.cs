using Parity.Catalog;
using Parity.Costs;

namespace Parity.Tests.Costs;

public sealed class ServingCostModelTests
{
    private static readonly string Scenario = Path.Combine(ShippedData.Root, "cost", "deepseek-inference-2025-02.yaml");

    [Fact]
    public void KV_cache_per_token_follows_the_attention_kind()
    {
        CostData.Shipped.AttentionOf("deepseek-v3")!.ValuesPerToken.ShouldBe(61 * (512 + 64));
        CostData.Shipped.AttentionOf("llama-3.1-405b-instruct")!.ValuesPerToken.ShouldBe(126 * 2 * 8 * 128);
        var mha = new AttentionLayout("m", 32, AttentionKind.Mha, 32, 128, null, null, new CostSource("t", null, null), "");
        mha.ValuesPerToken.ShouldBe(32 * 2 * 32 * 128);
    }

    [Fact]
    public void Prefill_is_compute_bound_on_active_parameters()
    {
        var e = ServingCostModel.Estimate(ModelCatalog.Shipped.Get("deepseek-v3"), new ServingOptions(PrefillMfu: 0.4), CostData.Shipped);
        // 8 GPUs × 1,979e12 FLOP/s (FP8) × 0.4 ÷ (2 × 37e9) = 85,578 tokens/s per node
        e.PrefillTokensPerSecondPerNode.ShouldBe(8 * 1979e12 * 0.4 / (2 * 37e9), 1);
        // $2/h ÷ 3600 ÷ 10,697 tokens/s per GPU × 1e6 = $0.0519 per M input tokens
        e.InputUsdPerMtok.Central.ShouldBe(Math.Round((decimal)(2.0 / 3600 / (1979e12 * 0.4 / (2 * 37e9)) * 1e6), 4));
    }

    [Fact]
    public void Decode_takes_the_largest_batch_that_fits_and_is_bound_by_memory_for_a_big_MoE()
    {
        var options = new ServingOptions(UnitNodes: 18, ContextTokens: 4000, MinTokensPerSecond: 0);
        var e = ServingCostModel.Estimate(ModelCatalog.Shipped.Get("deepseek-v3"), options, CostData.Shipped);
        var shard = 671e9 / 144;
        var kvPerSequence = 4000 * 61 * 576 * 2.0;
        var batch = Math.Floor((80e9 * 0.9 - shard) / kvPerSequence);
        e.BatchPerGpu.ShouldBe((int)batch);
        e.DecodeBound.ShouldBe("memory");
        var step = (shard + batch * kvPerSequence) / (3.35e12 * 0.6);
        e.StepSeconds.ShouldBe(step, 1e-6);
        e.DecodeTokensPerSecondPerNode.ShouldBe(8 * batch / step, 1);
    }

    [Fact]
    public void A_speed_target_caps_the_batch()
    {
        var free = ServingCostModel.Estimate(ModelCatalog.Shipped.Get("llama-3.3-70b-instruct"), new ServingOptions(MinTokensPerSecond: 0), CostData.Shipped);
        var capped = ServingCostModel.Estimate(ModelCatalog.Shipped.Get("llama-3.3-70b-instruct"), new ServingOptions(MinTokensPerSecond: 60), CostData.Shipped);
        capped.BatchPerGpu.ShouldBeLessThan(free.BatchPerGpu);
        capped.StepSeconds.ShouldBeLessThanOrEqualTo(1 / 60.0);
        capped.BatchLimit.ShouldBe("speed target");
    }

    [Fact]
    public void DeepSeeks_published_day_is_reproduced_from_its_inputs()
    {
        var run = ScenarioModel.Run(InferenceScenario.Load(Scenario), ModelCatalog.Shipped, CostData.Shipped, new ServingOptions());
        run.CostUsd.ShouldBe(87_072m);
        ((double)run.RevenueUsd / 562_027).ShouldBeInRange(0.99, 1.01);
        ((double)run.CostProfitMargin).ShouldBeInRange(5.43, 5.47);
        run.Comparisons.Select(c => c.Figure).ShouldContain("decode tokens/s per node");
        run.Comparisons.ShouldContain(c => c.Figure.StartsWith("prefill tokens/s per node, cache misses") && Math.Abs(c.Published - 73_700 * (1 - 0.563)) < 1);
        run.Roofline.UnitNodes.ShouldBe(18);
    }

    [Fact]
    public void Calibration_to_the_published_fleet_raises_the_central_cost_and_keeps_the_roofline_as_the_low_end()
    {
        var catalog = ModelCatalog.Shipped;
        var ideal = ServingCostModel.Estimate(catalog.Get("qwen3-32b"), new ServingOptions(), CostData.Shipped);
        var util = FleetUtilisation.FromShippedScenario(catalog, CostData.Shipped, new ServingOptions());
        util.Decode.ShouldBeInRange(0.01, 1);
        var calibrated = ServingCostModel.Estimate(catalog.Get("qwen3-32b"), new ServingOptions(Utilisation: util), CostData.Shipped);
        calibrated.OutputUsdPerMtok.Low.ShouldBe(ideal.OutputUsdPerMtok.Central);
        calibrated.OutputUsdPerMtok.Central.ShouldBeGreaterThan(ideal.OutputUsdPerMtok.Central);
        calibrated.OutputUsdPerMtok.High.ShouldBeGreaterThan(calibrated.OutputUsdPerMtok.Central);
    }

    [Fact]
    public void The_margin_table_covers_at_least_twenty_open_weights_models_with_consistent_verdicts()
    {
        var report = MarginAnalysis.Run(ModelCatalog.Shipped, CostData.Shipped, new ServingOptions(), new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero));
        report.Rows.Select(r => r.Model).Distinct().Count().ShouldBeGreaterThanOrEqualTo(20);
        foreach (var row in report.Rows)
        {
            var expected = row.BlendedPrice > row.BlendedCostHigh ? "above cost" : row.BlendedPrice < row.BlendedCostLow ? "below cost" : "near cost";
            row.Verdict.ShouldBe(expected, row.Model + " at " + row.Provider);
            row.BlendedCostLow.ShouldBeLessThanOrEqualTo(row.BlendedCost);
        }

        report.Skipped.ShouldAllBe(s => s.Reason.Length > 0);
    }

    [Fact]
    public void A_model_without_an_architecture_or_attention_layout_is_an_error_saying_what_is_missing()
    {
        var noLayout = Should.Throw<ParityException>(() => ServingCostModel.Estimate(ModelCatalog.Shipped.Get("minimax-m2"), new ServingOptions(), CostData.Shipped));
        noLayout.Message.ShouldContain("attention layout");
        var closed = ModelCatalog.Shipped.Models.First(m => m.Architecture?.Value.TotalParamsB is null);
        Should.Throw<ParityException>(() => ServingCostModel.Estimate(closed, new ServingOptions(), CostData.Shipped)).Message.ShouldContain("parameter counts");
    }
}
