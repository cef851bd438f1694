using Parity.Catalog;

namespace Parity.Tests.Catalog;

public sealed class ModelCatalogTests
{
    private static readonly ModelCatalog Catalog = ModelCatalog.LoadShipped();

    [Theory]
    [InlineData("deepseek-chat", "deepseek-v3")]
    [InlineData("deepseek/deepseek-chat", "deepseek-v3")]
    [InlineData("DeepSeek-V3", "deepseek-v3")]
    [InlineData("deepseek-v3-0324", "deepseek-v3")]
    [InlineData("DEEPSEEK-CHAT", "deepseek-v3")]
    [InlineData("deepseek-reasoner", "deepseek-r1")]
    [InlineData("claude-opus-4-5-20251101", "claude-opus-4-5")]
    [InlineData("claude-opus-4-5-20251101-thinking-32k", "claude-opus-4-5")]
    [InlineData("anthropic/claude-opus-4.5", "claude-opus-4-5")]
    [InlineData("Claude Opus 4.5", "claude-opus-4-5")]
    [InlineData("gpt-5-high", "gpt-5")]
    [InlineData("gpt-5-2025-08-07", "gpt-5")]
    [InlineData("openai/gpt-5", "gpt-5")]
    [InlineData("gemini-2.5-pro", "gemini-2.5-pro")]
    [InlineData("glm-4.5", "glm-4.5")]
    [InlineData("z-ai/glm-4.6", "glm-4.6")]
    [InlineData("qwen3-235b-a22b", "qwen3-235b-a22b")]
    [InlineData("Qwen/Qwen3-235B-A22B", "qwen3-235b-a22b")]
    [InlineData("kimi-k2-0711-preview", "kimi-k2")]
    [InlineData("moonshotai/kimi-k2", "kimi-k2")]
    [InlineData("MiniMax-M2", "minimax-m2")]
    [InlineData("Llama 4 Maverick", "llama-4-maverick")]
    [InlineData("DeepSeek-V3 (Mar 2025)", "deepseek-v3")]
    [InlineData("gpt-4.1-2099-12-31", "gpt-4.1")]
    [InlineData("some-host/gpt-oss-120b", "gpt-oss-120b")]
    public void Every_spelling_finds_one_model(string spelling, string id) =>
        Catalog.Find(spelling).ShouldNotBeNull().Id.ShouldBe(id);

    [Theory]
    [InlineData("gpt-7")]
    [InlineData("deepseek")]
    [InlineData("")]
    public void Unknown_names_find_nothing(string name) => Catalog.Find(name).ShouldBeNull();

    [Fact]
    public void Get_names_close_ids_when_nothing_matches()
    {
        var ex = Should.Throw<ParityException>(() => Catalog.Get("deepseek-v9"));
        ex.Message.ShouldContain("No model 'deepseek-v9'");
    }

    [Fact]
    public void Arena_leaderboard_keys_of_the_flagship_models_join_to_the_catalog()
    {
        var path = SharedData.PathOf("arena/derived/leaderboard_history_long.csv");
        using var reader = new StreamReader(path);
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        var keys = new HashSet<string>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            keys.Add(csv.GetField("model_key")!);
        }

        string[] flagships =
        [
            "gemini-2.5-pro", "claude-opus-4-5-20251101", "gpt-5-high", "gpt-5.1-high", "grok-4-0709", "o3-2025-04-16",
            "deepseek-v3-0324", "deepseek-r1-0528", "deepseek-v3.1", "deepseek-v3.2-exp", "qwen3-max-2025-09-23", "qwen3-235b-a22b",
            "qwen3-235b-a22b-instruct-2507", "kimi-k2-0711-preview", "kimi-k2-0905-preview", "glm-4.5", "glm-4.6", "minimax-m1", "minimax-m2",
            "llama-4-maverick-17b-128e-instruct", "gpt-oss-120b", "mistral-medium-2508", "claude-sonnet-4-5-20250929",
        ];
        foreach (var key in flagships)
        {
            keys.ShouldContain(key);
            Catalog.Find(key).ShouldNotBeNull($"arena key '{key}'");
        }
    }

    [Fact]
    public void DeepSeek_V3_is_a_671B_mixture_of_experts_with_37B_active_with_its_source()
    {
        var model = Catalog.Get("deepseek-v3");
        var arch = model.Architecture.ShouldNotBeNull();
        arch.Value.Kind.ShouldBe(ArchitectureKind.MixtureOfExperts);
        arch.Value.TotalParamsB.ShouldBe(671m);
        arch.Value.ActiveParamsB.ShouldBe(37m);
        arch.Source.Url.ShouldBe("https://arxiv.org/abs/2412.19437");
        model.Organization.Value.Country.ShouldBe("CN");
        model.OpenWeights.ShouldNotBeNull().Value.ShouldBeTrue();
    }

    [Fact]
    public void DeepSeek_V3_training_facts_come_from_Epoch()
    {
        var training = Catalog.Get("deepseek-v3").Training.ShouldNotBeNull();
        training.EpochName.ShouldBe("DeepSeek-V3");
        training.Hardware.ShouldBe("NVIDIA H800 SXM5");
        training.TrainingTimeNotes.ShouldNotBeNull().ShouldContain("2.788M H800 GPU hours");
        training.CostUsd2023.ShouldBe(5_390_000m);
        training.Source.Name.ShouldContain("Epoch AI");
    }

    [Fact]
    public void Qwen3_Max_says_its_architecture_is_not_published()
    {
        var arch = Catalog.Get("qwen3-max").Architecture.ShouldNotBeNull();
        arch.Value.Kind.ShouldBeNull();
        arch.Value.TotalParamsB.ShouldBeNull();
        arch.Value.Notes.ShouldNotBeNull().ShouldContain("Not published");
    }

    [Fact]
    public void Every_model_in_the_architecture_brief_has_a_row_with_a_source()
    {
        string[] required =
        [
            "deepseek-v3", "deepseek-v3.1", "deepseek-v3.2", "deepseek-r1", "qwen3-235b-a22b", "qwen3-30b-a3b", "qwen3-max", "kimi-k2",
            "glm-4.5", "glm-4.6", "minimax-m1", "minimax-m2", "llama-4-scout", "llama-4-maverick", "gpt-oss-120b", "gpt-oss-20b",
            "mixtral-8x7b", "mixtral-8x22b",
        ];
        foreach (var id in required)
        {
            var arch = Catalog.Get(id).Architecture.ShouldNotBeNull(id);
            arch.Source.Url.ShouldNotBeNullOrEmpty();
        }
    }

    [Fact]
    public void DeepSeek_prices_carry_the_feeds_peak_and_off_peak_rules()
    {
        var offer = Catalog.Get("deepseek-chat").PrimaryOffer.ShouldNotBeNull();
        offer.Provider.ShouldBe("DeepSeek");
        offer.FirstParty.ShouldBeTrue();
        offer.Schedule.Rules.Count.ShouldBe(2);
        offer.Schedule.Rules[1].WindowStart.ShouldBe(new TimeOnly(0, 30));
        offer.Schedule.Rules[1].WindowEnd.ShouldBe(new TimeOnly(16, 30));
        offer.PricesChecked.ShouldBe(new DateOnly(2025, 7, 12));
    }

    [Fact]
    public void Where_genai_prices_and_LiteLLM_disagree_the_catalog_says_so()
    {
        var model = Catalog.Get("deepseek-v3");
        var output = model.Disagreements.Single(d => d.Field == "DeepSeek output price (USD/Mtok)");
        output.Value.ShouldBe("1.1");
        output.Source.Name.ShouldContain("genai-prices");
        output.OtherValue.ShouldBe("0.42");
        output.OtherSource.Name.ShouldContain("LiteLLM");
    }

    [Fact]
    public void Long_context_tiers_survive_from_the_feed()
    {
        var prices = Catalog.Get("gemini-2.5-pro").PrimaryOffer.ShouldNotBeNull().Schedule.Rules[0].Prices;
        prices.Input.ShouldNotBeNull().Tiers.ShouldHaveSingleItem().ShouldBe(new Parity.Catalog.Pricing.RateTier(200_000, 2.5m));
    }

    [Fact]
    public void Chinese_open_weight_makers_all_have_priced_models()
    {
        var cn = Catalog.Models.Where(m => m.Organization.Value.Country == "CN" && m.OpenWeights?.Value == true && m.PrimaryOffer is not null).ToList();
        cn.Select(m => m.Organization.Value.Name).Distinct().ShouldBe(["DeepSeek", "Alibaba", "Moonshot", "Zhipu AI", "MiniMax"], ignoreOrder: true);
    }

    [Fact]
    public void Shipped_sources_are_listed_with_dates_and_counts()
    {
        Catalog.Sources.Select(s => s.Format).ShouldBe(["genai-prices", "litellm", "epoch"]);
        var genai = Catalog.Sources[0];
        genai.Records.ShouldBe(1694);
        genai.SourceDate.ShouldBe("2026-09-23");
        genai.Matched.ShouldBeGreaterThan(200);
        (genai.Matched + Catalog.Unmatched.Count(u => u.Source == genai.Label && u.Kind == "model")).ShouldBe(genai.Records);
    }

    [Fact]
    public void A_provider_can_be_named_in_any_spelling_the_organization_table_knows()
    {
        var at = new DateTimeOffset(2025, 6, 1, 20, 0, 0, TimeSpan.Zero);
        var usage = new Parity.Catalog.Pricing.TokenUsage(1_000_000, 0);
        Catalog.Price("kimi-k2", usage, at, "moonshotai").Provider.ShouldBe("Moonshot");
        Catalog.Price("deepseek-chat", usage, at, "openrouter").Provider.ShouldBe("openrouter");
        Should.Throw<ParityException>(() => Catalog.Price("deepseek-chat", usage, at, "nobody")).Message.ShouldContain("Providers:");
    }

    [Theory]
    [InlineData("2025-06-09T23:59:59Z", 10, 40)]
    [InlineData("2025-06-10T00:00:00Z", 2, 8)]
    public void Price_history_from_the_feed_applies_by_date(string at, decimal input, decimal output)
    {
        // genai-prices records OpenAI's o3 price cut of 2025-06-10 as a start-date rule.
        var quote = Catalog.Price("o3-2025-04-16", new Parity.Catalog.Pricing.TokenUsage(1_000_000, 1_000_000), DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
        quote.Lines[0].UsdPerMtok.ShouldBe(input);
        quote.Lines[1].UsdPerMtok.ShouldBe(output);
    }

    [Fact]
    public void Prices_off_by_a_unit_in_the_source_are_reported_not_used()
    {
        // LiteLLM lists W&B's DeepSeek-V3-0324 at 0.114 USD per token (114,000 per million).
        Catalog.Unmatched.ShouldContain(u => u.Kind == "implausible price" && u.Name == "wandb/deepseek-ai/DeepSeek-V3-0324");
        Catalog.Get("deepseek-v3").Offers.ShouldNotContain(o => o.Provider == "wandb");
    }
}
