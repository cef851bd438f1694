using Parity.Catalog.Feeds;

namespace Parity.Tests.Catalog;

public sealed class FeedReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parity-feeds-").FullName;

    [Theory]
    [InlineData("models/genai-prices/data_npm_0.1.8_extracted.json", FeedFormat.GenAiPrices, 1694)]
    [InlineData("models/genai-prices/data_v2_repo_47df840.json", FeedFormat.GenAiPrices, 1466)]
    [InlineData("models/litellm/model_prices_and_context_window_2026-07-24.json", FeedFormat.LiteLlm, 2983)]
    [InlineData("models/openrouter/models_api_2025-12-02.json", FeedFormat.OpenRouter, 335)]
    [InlineData("models/openrouter/sample_models_api_2025-12-02.json", FeedFormat.OpenRouter, 12)]
    [InlineData("models/epoch/notable_ai_models_2026-07.csv", FeedFormat.Epoch, 1036)]
    [InlineData("models/epoch/frontier_ai_models_2025-11.csv", FeedFormat.Epoch, 131)]
    [InlineData("models/epoch/large_scale_ai_models_2025-12.csv", FeedFormat.Epoch, 473)]
    [InlineData("models/epoch/epoch_capabilities_index_2026-04.csv", FeedFormat.Epoch, 585)]
    public void Every_real_feed_is_detected_and_read_whole(string file, FeedFormat format, int records)
    {
        var feed = FeedReader.Read(SharedData.PathOf(file));
        feed.Format.ShouldBe(format);
        feed.Records.Count.ShouldBe(records);
    }

    [Fact]
    public void Feed_dates_come_from_the_data()
    {
        FeedReader.Read(SharedData.PathOf("models/litellm/model_prices_and_context_window_2026-07-24.json")).SourceDate.ShouldBe("2026-07-24");
        FeedReader.Read(SharedData.PathOf("models/openrouter/models_api_2025-12-02.json")).SourceDate.ShouldBe("2025-12-02");
        FeedReader.Read(SharedData.PathOf("models/epoch/notable_ai_models_2026-07.csv")).SourceDate.ShouldBe("2026-07-15");
    }

    [Fact]
    public void GenAiPrices_time_windows_tiers_and_start_dates_are_read()
    {
        var feed = FeedReader.Read(SharedData.PathOf("models/genai-prices/data_npm_0.1.8_extracted.json"));
        var chat = feed.Records.Single(r => r.Provider == "deepseek" && r.Key == "deepseek-chat");
        var peak = chat.Prices.ShouldNotBeNull().Rules[1];
        peak.WindowStart.ShouldBe(new TimeOnly(0, 30));
        peak.Prices.Output.ShouldNotBeNull().Base.ShouldBe(1.1m);
        chat.OtherNames.ShouldContain("deepseek-chat-v3-0324");

        var v4 = feed.Records.Single(r => r.Provider == "deepseek" && r.Key == "deepseek-v4-flash").Prices.ShouldNotBeNull();
        v4.Rules[1].StartDate.ShouldBe(new DateOnly(2026, 8, 17));
        v4.Comment.ShouldNotBeNull().ShouldContain("2026-08-17");

        var opus = feed.Records.Single(r => r.Provider == "anthropic" && r.Key == "claude-opus-4-6").Prices.ShouldNotBeNull().Rules[0].Prices;
        opus.Input.ShouldNotBeNull().Tiers.ShouldHaveSingleItem().AboveInputTokens.ShouldBe(200_000);
    }

    [Fact]
    public void LiteLLM_per_token_prices_become_exact_per_million_prices()
    {
        var feed = FeedReader.Read(SharedData.PathOf("models/litellm/model_prices_and_context_window_2026-07-24.json"));
        var chat = feed.Records.Single(r => r.Key == "deepseek/deepseek-chat").Prices.ShouldNotBeNull().Rules[0].Prices;
        chat.Input.ShouldNotBeNull().Base.ShouldBe(0.28m);
        chat.Output.ShouldNotBeNull().Base.ShouldBe(0.42m);
        var gemini = feed.Records.Single(r => r.Key == "gemini-2.5-pro").Prices.ShouldNotBeNull().Rules[0].Prices;
        gemini.Output.ShouldNotBeNull().Tiers.ShouldHaveSingleItem().ShouldBe(new Parity.Catalog.Pricing.RateTier(200_000, 15m));
        var qwen = feed.Records.Single(r => r.Key == "dashscope/qwen3-max").Prices.ShouldNotBeNull().Rules[0].Prices;
        qwen.Input.ShouldNotBeNull().Base.ShouldBe(1.2m);
        qwen.Input.Tiers.Select(t => t.AboveInputTokens).ShouldBe([32_000L, 128_000L]);
    }

    [Fact]
    public void OpenRouter_string_prices_are_read_exactly()
    {
        var feed = FeedReader.Read(SharedData.PathOf("models/openrouter/sample_models_api_2025-12-02.json"));
        var gpt5 = feed.Records.Single(r => r.Key == "openai/gpt-5");
        gpt5.Prices.ShouldNotBeNull().Rules[0].Prices.Input.ShouldNotBeNull().Base.ShouldBe(1.25m);
        gpt5.ContextWindow.ShouldBe(400_000);
    }

    [Fact]
    public void A_malformed_genai_prices_record_names_file_record_and_field()
    {
        var path = Write("bad.json", """[{"id": "deepseek", "models": [{"id": "deepseek-chat", "match": {"equals": "deepseek-chat"}, "prices": {"input_mtok": "cheap", "output_mtok": 1}}]}]""");
        var ex = Should.Throw<ParityException>(() => FeedReader.Read(path));
        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("model 'deepseek-chat'");
        ex.Message.ShouldContain("prices.input_mtok");
    }

    [Fact]
    public void A_bad_time_window_names_the_field()
    {
        var path = Write("bad-window.json", """[{"id": "deepseek", "models": [{"id": "deepseek-chat", "match": {"equals": "x"}, "prices": [{"prices": {"input_mtok": 1}}, {"constraint": {"type": "time_of_date", "start_time": "25:99", "end_time": "16:30:00Z"}, "prices": {"input_mtok": 2}}]}]}]""");
        var ex = Should.Throw<ParityException>(() => FeedReader.Read(path));
        ex.Message.ShouldContain("prices[1].constraint.start_time");
    }

    [Fact]
    public void A_malformed_LiteLLM_record_names_file_record_and_field()
    {
        var path = Write("bad-litellm.json", """{"gpt-5": {"input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05}, "broken": {"input_cost_per_token": "free"}}""");
        var ex = Should.Throw<ParityException>(() => FeedReader.Read(path));
        ex.Message.ShouldContain("model 'broken'");
        ex.Message.ShouldContain("'input_cost_per_token'");
    }

    [Fact]
    public void A_malformed_OpenRouter_record_names_file_record_and_field()
    {
        var path = Write("bad-openrouter.json", """{"data": [{"id": "a/b", "pricing": {"prompt": "0.000001", "completion": "x"}}]}""");
        var ex = Should.Throw<ParityException>(() => FeedReader.Read(path));
        ex.Message.ShouldContain("model 'a/b'");
        ex.Message.ShouldContain("'completion'");
    }

    [Fact]
    public void A_malformed_Epoch_row_names_file_line_and_field()
    {
        var path = Write("bad-epoch.csv", "Model,Organization,Publication date,Parameters\nDeepSeek-V3,DeepSeek,2024-12-24,671000000000\nBroken,DeepSeek,2025-13-45,1\n");
        var ex = Should.Throw<ParityException>(() => FeedReader.Read(path));
        ex.Message.ShouldContain("line 3");
        ex.Message.ShouldContain("model 'Broken'");
        ex.Message.ShouldContain("'Publication date'");
    }

    [Fact]
    public void Invalid_JSON_is_a_clear_error()
    {
        var path = Write("truncated.json", """[{"id": "deepseek", "models": [""");
        Should.Throw<ParityException>(() => FeedReader.Read(path)).Message.ShouldContain("not valid JSON");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
