using System.Text.Json;

namespace Parity.Cli.Tests;

public sealed class CatalogCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parity-cli-catalog-").FullName;

    private string Db => Path.Combine(_dir, "parity.db");

    private Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRunner.RunAsync([.. args, "--db", Db]);

    [Fact]
    public async Task Prices_gpt5_for_a_million_tokens_each_way_is_11_25_USD()
    {
        var (exit, output, error) = await Run("prices", "gpt-5", "--input-tokens", "1000000", "--output-tokens", "1000000");
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        output.ShouldContain("11.25 USD");
        output.ShouldContain("genai-prices npm 0.1.8");

        var (_, json, _) = await Run("prices", "gpt-5", "--input-tokens", "1000000", "--output-tokens", "1000000", "--format", "json");
        using var doc = JsonDocument.Parse(json);
        doc.RootElement.GetProperty("quote").GetProperty("totalUsd").GetDecimal().ShouldBe(11.25m);
    }

    [Theory]
    [InlineData("2025-06-01T10:00Z", 0.27, 1.1, "00:30–16:30 UTC daily")]
    [InlineData("2025-06-01T20:00Z", 0.135, 0.55, "outside the daily windows")]
    public async Task DeepSeek_chat_is_priced_at_peak_and_off_peak(string at, double input, double output, string rule)
    {
        var (exit, json, error) = await Run("prices", "deepseek-chat", "--at", at, "--format", "json");
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        using var doc = JsonDocument.Parse(json);
        var quote = doc.RootElement.GetProperty("quote");
        var lines = quote.GetProperty("lines").EnumerateArray().ToList();
        lines[0].GetProperty("usdPerMtok").GetDecimal().ShouldBe((decimal)input);
        lines[1].GetProperty("usdPerMtok").GetDecimal().ShouldBe((decimal)output);
        quote.GetProperty("totalUsd").GetDecimal().ShouldBe((decimal)input + (decimal)output);
        quote.GetProperty("provider").GetString().ShouldBe("DeepSeek");

        var (_, table, _) = await Run("prices", "deepseek-chat", "--at", at);
        table.ShouldContain("rule in force: " + rule);
    }

    [Fact]
    public async Task Cached_tokens_are_priced_at_the_cache_rate()
    {
        var (exit, json, _) = await Run("prices", "gpt-5", "--input-tokens", "1000000", "--cached-tokens", "400000", "--output-tokens", "0", "--format", "json");
        exit.ShouldBe(0);
        using var doc = JsonDocument.Parse(json);
        doc.RootElement.GetProperty("quote").GetProperty("totalUsd").GetDecimal().ShouldBe(0.6m * 1.25m + 0.4m * 0.125m);
    }

    [Fact]
    public async Task A_bad_moment_or_model_is_a_clear_error()
    {
        var (exit, _, error) = await Run("prices", "gpt-5", "--at", "yesterday-ish");
        exit.ShouldBe(1);
        error.ShouldContain("--at");

        (exit, _, error) = await Run("prices", "no-such-model");
        exit.ShouldBe(1);
        error.ShouldContain("No model 'no-such-model'");
    }

    [Fact]
    public async Task Chinese_open_models_are_listed_with_prices()
    {
        var (exit, json, error) = await Run("models", "--origin", "CN", "--open", "--format", "json");
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        using var doc = JsonDocument.Parse(json);
        var models = doc.RootElement.EnumerateArray().ToList();
        models.ShouldAllBe(m => m.GetProperty("country").GetString() == "CN" && m.GetProperty("openWeights").GetBoolean());
        var priced = models.Where(m => m.TryGetProperty("price", out _)).ToList();
        priced.Select(m => m.GetProperty("vendor").GetString()).Distinct().ShouldBe(["DeepSeek", "Alibaba", "Moonshot", "Zhipu AI", "MiniMax"], ignoreOrder: true);
        var ids = models.Select(m => m.GetProperty("id").GetString()).ToList();
        ids.ShouldContain("deepseek-v3");
        ids.ShouldContain("qwen3-235b-a22b");
        ids.ShouldContain("kimi-k2");
        ids.ShouldContain("glm-4.5");
        ids.ShouldContain("minimax-m2");
    }

    [Fact]
    public async Task Models_filters_sort_and_formats()
    {
        var (_, csv, _) = await Run("models", "--vendor", "Z.ai", "--format", "csv");
        var lines = csv.Trim().Split('\n');
        lines[0].ShouldStartWith("id,name,vendor,country,open_weights");
        lines.Skip(1).ShouldAllBe(l => l.Contains(",Zhipu AI,CN,", StringComparison.Ordinal));

        var (_, json, _) = await Run("models", "--closed", "--origin", "US", "--sort", "price", "--format", "json");
        using var doc = JsonDocument.Parse(json);
        var blended = doc.RootElement.EnumerateArray().Where(m => m.TryGetProperty("price", out var p) && p.TryGetProperty("blendedPerMtok", out _))
            .Select(m => m.GetProperty("price").GetProperty("blendedPerMtok").GetDecimal()).ToList();
        blended.Count.ShouldBeGreaterThan(10);
        blended.ShouldBe(blended.Order().ToList());

        var (_, search, _) = await Run("models", "--search", "kimi");
        search.ShouldContain("kimi-k2");
        search.ShouldNotContain("deepseek");

        var (exit, _, error) = await Run("models", "--open", "--closed");
        exit.ShouldNotBe(0);
        error.ShouldContain("exclude each other");
    }

    [Fact]
    public async Task Models_show_deepseek_v3_gives_671B_total_and_37B_active_with_the_source()
    {
        var (exit, output, error) = await Run("models", "show", "deepseek-v3");
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        output.ShouldContain("671B");
        output.ShouldContain("37B per token");
        output.ShouldContain("https://arxiv.org/abs/2412.19437");
        output.ShouldContain("2.788M H800 GPU hours");
        output.ShouldContain("00:30–16:30 UTC daily");
        output.ShouldContain("sources disagree on");

        var (_, json, _) = await Run("models", "show", "DeepSeek-V3", "--format", "json");
        using var doc = JsonDocument.Parse(json);
        var arch = doc.RootElement.GetProperty("architecture");
        arch.GetProperty("value").GetProperty("totalParamsB").GetDecimal().ShouldBe(671m);
        arch.GetProperty("value").GetProperty("activeParamsB").GetDecimal().ShouldBe(37m);
        arch.GetProperty("source").GetProperty("url").GetString().ShouldBe("https://arxiv.org/abs/2412.19437");
    }

    [Fact]
    public async Task Import_twice_changes_nothing_and_sources_lists_it()
    {
        var file = SharedData.PathOf("models/openrouter/sample_models_api_2025-12-02.json");
        var (exit, output, error) = await Run("catalog", "import", file);
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        output.ShouldContain("imported #1: 12 openrouter records");

        (exit, output, _) = await Run("catalog", "import", file, "--format", "openrouter");
        exit.ShouldBe(0);
        output.ShouldContain("already imported");

        (exit, output, _) = await Run("catalog", "sources");
        exit.ShouldBe(0);
        output.ShouldContain("shipped");
        output.ShouldContain("imported");
        output.ShouldContain("genai-prices npm 0.1.8");
        output.ShouldContain("2025-12-02");
    }

    [Fact]
    public async Task Import_reports_unmatched_names_and_rejects_malformed_files()
    {
        var (exit, output, _) = await Run("catalog", "import", SharedData.PathOf("models/openrouter/models_api_2025-12-02.json"));
        exit.ShouldBe(0);
        output.ShouldContain("unmatched model: amazon/nova-2-lite-v1:free [openrouter]");

        var bad = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(bad, """{"data": [{"id": "x/y", "pricing": {"prompt": "abc", "completion": "0"}}]}""");
        (exit, _, var error) = await Run("catalog", "import", bad);
        exit.ShouldBe(1);
        error.ShouldContain(bad);
        error.ShouldContain("model 'x/y'");
        error.ShouldContain("'prompt'");

        (_, output, _) = await Run("catalog", "sources", "--format", "json");
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("sources").EnumerateArray().Count(s => s.GetProperty("origin").GetString() == "imported").ShouldBe(1);
    }

    [Theory]
    [InlineData("negative.json", """{"gpt-5": {"input_cost_per_token": -0.00000125, "output_cost_per_token": -0.00001}}""", "model 'gpt-5': field 'input_cost_per_token' must not be negative")]
    [InlineData("duplicate.json", "{\"gpt-5\": {\"input_cost_per_token\": 0.00000125},\n \"gpt-5\": {\"input_cost_per_token\": 0.000002}}", ":2: key 'gpt-5' appears twice")]
    [InlineData("quoting.csv", "Model,Organization,Publication date\nGPT-4,OpenAI,2023-03-15\n\"unterminated,OpenAI,2024-01-01\n", ":3: field 'Model' opens a quote that is never closed")]
    public async Task Import_of_a_hostile_file_fails_in_one_line_and_stores_nothing(string name, string content, string expected)
    {
        var bad = Path.Combine(_dir, name);
        await File.WriteAllTextAsync(bad, content);
        var (exit, output, error) = await Run("catalog", "import", bad);
        exit.ShouldNotBe(0);
        output.ShouldBeEmpty();
        error.TrimEnd().ShouldNotContain("\n");
        error.ShouldContain(bad);
        error.ShouldContain(expected);

        (_, output, _) = await Run("catalog", "sources", "--format", "json");
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("sources").EnumerateArray().Count(s => s.GetProperty("origin").GetString() == "imported").ShouldBe(0);
        (_, output, _) = await Run("prices", "gpt-5", "--input-tokens", "1000000", "--output-tokens", "1000000");
        output.ShouldContain("11.25 USD");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
