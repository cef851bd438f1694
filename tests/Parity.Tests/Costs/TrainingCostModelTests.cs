using Parity.Catalog;
using Parity.Costs;

namespace Parity.Tests.Costs;

public sealed class TrainingCostModelTests
{
    private static TrainingEstimate Train(string model, TrainingOptions? options = null) =>
        TrainingCostModel.Estimate(ModelCatalog.Shipped.Get(model), options ?? new TrainingOptions(), CostData.Shipped);

    [Theory]
    [InlineData("deepseek-v3")]
    [InlineData("DeepSeek-V3")]
    [InlineData("deepseek/deepseek-v3")]
    public void DeepSeek_V3_published_hours_price_to_the_reports_5_576_million_under_any_alias(string alias)
    {
        var e = Train(alias);
        e.Model.ShouldBe("deepseek-v3");
        e.Published.ShouldNotBeNull();
        e.Published.GpuHours.ShouldBe(2_788_000m);
        e.Published.CostUsd.ShouldBe(5_576_000m);
        e.Published.Stages.Select(s => s.GpuHours).ShouldBe([2_664_000m, 119_000m, 5_000m]);
        e.Gpu.ShouldBe("h800");
    }

    [Fact]
    public void FLOP_is_six_times_active_parameters_times_tokens()
    {
        var e = Train("deepseek-v3");
        e.Flop.ShouldBe(6 * 37e9 * 14.8e12, 1e18);
        (e.Flop / 3.3e24).ShouldBeInRange(0.95, 1.05);
        e.Epoch.ShouldNotBeNull();
        e.Epoch.FlopRatio!.Value.ShouldBeInRange(0.95, 1.05);
    }

    [Fact]
    public void Llama_405B_is_3_8e25_FLOP_and_its_published_hours_imply_an_MFU_near_what_Meta_reported()
    {
        var e = Train("llama-3.1-405b");
        (e.Flop / 3.8e25).ShouldBeInRange(0.95, 1.05);
        e.Published!.GpuHours.ShouldBe(30_840_000m);
        // 6 × 405e9 × 15.6e12 ÷ (30.84e6 h × 3600 s × 989e12 FLOP/s) = 0.3453
        e.Published.ImpliedMfu.ShouldBe(3.7908e25 / (30.84e6 * 3600 * 989e12), 1e-6);
        e.Published.ImpliedMfu.ShouldBeInRange(0.30, 0.45);
    }

    [Fact]
    public void GPU_hours_days_and_dollars_follow_from_FLOP_MFU_and_price_with_a_range_over_the_band()
    {
        var e = Train("deepseek-v3", new TrainingOptions(Gpu: "h100", Mfu: 0.4, MfuBand: 0.1, PricePerGpuHour: 3m, Gpus: 1000));
        var flop = 6 * 37e9 * 14.8e12;
        var hours = flop / (989e12 * 0.4 * 3600);
        e.Estimate.GpuHours.ShouldBe(hours, 1);
        e.Estimate.GpuHoursLow.ShouldBe(flop / (989e12 * 0.5 * 3600), 1);
        e.Estimate.GpuHoursHigh.ShouldBe(flop / (989e12 * 0.3 * 3600), 1);
        e.Estimate.Days.ShouldBe(hours / 1000 / 24, 1e-6);
        e.Estimate.CostUsd.ShouldBe(Math.Round((decimal)hours * 3m, 0));
        e.PriceSource.ShouldBe("--price");
        e.Excluded.ShouldContain(x => x.Contains("ablation"));
        e.Excluded.ShouldContain(x => x.Contains("staff"));
        e.Excluded.ShouldContain(x => x.Contains("capital"));
    }

    [Theory]
    [InlineData(0.0, "--mfu")]
    [InlineData(1.2, "--mfu")]
    [InlineData(-0.3, "--mfu")]
    public void An_MFU_outside_zero_to_one_is_an_error_naming_the_flag(double mfu, string flag)
    {
        var ex = Should.Throw<ParityException>(() => Train("deepseek-v3", new TrainingOptions(Mfu: mfu, MfuBand: 0)));
        ex.Message.ShouldStartWith(flag);
    }

    [Fact]
    public void An_unknown_GPU_is_an_error_listing_the_known_ones()
    {
        var ex = Should.Throw<ParityException>(() => Train("deepseek-v3", new TrainingOptions(Gpu: "tpu-v9")));
        ex.Message.ShouldContain("unknown GPU 'tpu-v9'");
        ex.Message.ShouldContain("h800");
    }
}
