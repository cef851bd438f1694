using System.Text.Json;

namespace Parity.Cli.Tests.Commands;

public sealed class CostCommandTests
{
    [Fact]
    public async Task Cost_train_json_gives_DeepSeek_V3s_published_hours_and_dollars_exactly()
    {
        var (exit, output, _) = await CliRunner.RunAsync("cost", "train", "deepseek-v3", "--format", "json");
        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        var published = json.RootElement.GetProperty("published");
        published.GetProperty("gpuHours").GetDecimal().ShouldBe(2_788_000m);
        published.GetProperty("costUsd").GetDecimal().ShouldBe(5_576_000m);
        (json.RootElement.GetProperty("flop").GetDouble() / 3.3e24).ShouldBeInRange(0.95, 1.05);
        json.RootElement.GetProperty("excluded").GetArrayLength().ShouldBeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public async Task Cost_train_text_prints_what_is_excluded_and_Epochs_figure_beside_the_estimate()
    {
        var (exit, output, _) = await CliRunner.RunAsync("cost", "train", "llama-3.1-405b");
        exit.ShouldBe(0);
        output.ShouldContain("not included: prior research and ablation experiments");
        output.ShouldContain("Epoch AI: 3.8e25 FLOP (ours ÷ Epoch's = 1.00)");
        output.ShouldContain("implied MFU");
    }

    [Fact]
    public async Task Cost_serve_scenario_json_reproduces_DeepSeeks_day()
    {
        var (exit, output, _) = await CliRunner.RunAsync("cost", "serve", "--scenario", Path.Combine(ShippedData.Root, "cost", "deepseek-inference-2025-02.yaml"), "--format", "json");
        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("costUsd").GetDecimal().ShouldBe(87_072m);
        (json.RootElement.GetProperty("revenueUsd").GetDouble() / 562_027).ShouldBeInRange(0.99, 1.01);
        json.RootElement.GetProperty("costProfitMargin").GetDouble().ShouldBeInRange(5.43, 5.47);
        var ratios = json.RootElement.GetProperty("comparisons").EnumerateArray().ToDictionary(c => c.GetProperty("figure").GetString()!, c => c.GetProperty("ratio").GetDouble());
        ratios.ShouldContainKey("decode tokens/s per node");
        json.RootElement.GetProperty("roofline").GetProperty("assumptions").GetArrayLength().ShouldBeGreaterThan(5);
    }

    [Fact]
    public async Task Cost_margin_json_lists_twenty_open_weights_models_with_verdicts()
    {
        var (exit, output, _) = await CliRunner.RunAsync("cost", "margin", "--at", "2025-12-01", "--format", "json");
        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("model").GetString()).Distinct().Count().ShouldBeGreaterThanOrEqualTo(20);
        rows.ShouldAllBe(r => new[] { "above cost", "near cost", "below cost" }.Contains(r.GetProperty("verdict").GetString()));
    }

    [Theory]
    [InlineData("error: --gpu: unknown GPU 'tpu9'", "cost", "train", "deepseek-v3", "--gpu", "tpu9")]
    [InlineData("error: --mfu: 1.5 is outside (0, 1]", "cost", "train", "deepseek-v3", "--mfu", "1.5")]
    [InlineData("error: --input-tokens/--output-tokens: token counts must not be negative.", "cost", "serve", "qwen3-32b", "--input-tokens", "-5")]
    [InlineData("error: minimax-m2: no attention layout", "cost", "serve", "minimax-m2")]
    [InlineData("error: gpt-5: the catalog has no published parameter counts", "cost", "serve", "gpt-5")]
    public async Task Bad_input_is_one_line_and_a_non_zero_exit(string expected, params string[] args)
    {
        var (exit, output, error) = await CliRunner.RunAsync(args);
        exit.ShouldNotBe(0);
        output.ShouldBeEmpty();
        error.Trim().Split('\n').Length.ShouldBe(1);
        error.ShouldStartWith(expected);
    }
}
