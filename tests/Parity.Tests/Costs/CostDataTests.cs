using Parity.Costs;

namespace Parity.Tests.Costs;

public sealed class CostDataTests
{
    [Fact]
    public void The_hardware_table_has_every_chip_the_cost_model_names_with_a_source()
    {
        foreach (var id in new[] { "h100", "h800", "h20", "a100", "b200", "ascend-910b", "ascend-910c", "mi300x" })
        {
            var gpu = CostData.Shipped.Hardware.Get(id);
            gpu.Bf16Tflops.ShouldBeGreaterThan(0);
            gpu.HbmTbPerSecond.ShouldBeGreaterThan(0);
            gpu.SpecSource.Url.ShouldNotBeNullOrEmpty();
        }

        CostData.Shipped.Hardware.Get("NVIDIA H800 SXM5").Id.ShouldBe("h800");
        CostData.Shipped.Hardware.Get("h800").PeakFlops(Precision.Fp8).ShouldBe(1979e12);
        CostData.Shipped.Hardware.Get("a100").PeakFlops(Precision.Fp8).ShouldBe(312e12);
    }

    [Fact]
    public void A_bad_number_in_a_cost_table_names_the_file_line_and_column()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            foreach (var name in new[] { "training_runs.csv", "attention.csv" })
            {
                File.Copy(Path.Combine(ShippedData.Root, "cost", name), Path.Combine(dir.FullName, name));
            }

            var lines = File.ReadAllLines(Path.Combine(ShippedData.Root, "cost", "hardware.csv"));
            lines[3] = lines[3].Replace(",148,", ",-148,", StringComparison.Ordinal);
            File.WriteAllLines(Path.Combine(dir.FullName, "hardware.csv"), lines);
            var ex = Should.Throw<ParityException>(() => CostData.Load(dir.FullName));
            ex.Message.ShouldBe("hardware.csv:4: bf16_dense_tflops '-148' is not a non-negative number");
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void A_scenario_with_a_bad_field_is_an_error_naming_the_file_and_field()
    {
        var path = Path.GetTempFileName();
        try
        {
            var text = File.ReadAllText(Path.Combine(ShippedData.Root, "cost", "deepseek-inference-2025-02.yaml"));
            File.WriteAllText(path, text.Replace("cache_hit_share: 0.563", "cache_hit_share: 1.563", StringComparison.Ordinal));
            Should.Throw<ParityException>(() => InferenceScenario.Load(path)).Message.ShouldBe($"{path}: cache_hit_share 1.563 is outside 0–1");
            File.WriteAllText(path, text.Replace("hours: 24", "hours: many", StringComparison.Ordinal));
            Should.Throw<ParityException>(() => InferenceScenario.Load(path)).Message.ShouldStartWith($"{path}:");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
