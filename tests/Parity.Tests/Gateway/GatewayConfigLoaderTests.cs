using Parity.Gateway;

namespace Parity.Tests.Gateway;

public sealed class GatewayConfigLoaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("parity-gwcfg-").FullName;

    private GatewaySetup Load(string yaml, Func<string, string?>? env = null)
    {
        var path = Path.Combine(folder, "gateway.yaml");
        File.WriteAllText(path, yaml);
        return GatewayConfigLoader.Load(path, env ?? (_ => null));
    }

    private const string Providers = """
        providers:
          - { name: p, baseUrl: "http://127.0.0.1:9/v1" }
        """;

    private const string PostgresLedger = """

        models:
          - { name: a, provider: p, prices: { input: 1, output: 1 } }
        ledger:
          postgres: "Host=127.0.0.1;Database=x"

        """;

    [Fact]
    public void A_postgres_ledger_leases_by_default_and_reads_its_lease_spool_and_batch_settings()
    {
        var defaults = Load(Providers + PostgresLedger);
        defaults.Leases.ShouldBe(new LeaseOptions(0.02m, TimeSpan.FromSeconds(30)));
        defaults.SpoolFolder.ShouldBe(Path.Combine(folder, "ledger-spool"));
        defaults.LedgerBatchInterval.ShouldBe(TimeSpan.FromMilliseconds(100));

        var tuned = Load(Providers + PostgresLedger + "  lease: { slice: 0.1, seconds: 5 }\n  spool: /var/spool/parity\n  batchMilliseconds: 250\n");
        tuned.Leases.ShouldBe(new LeaseOptions(0.1m, TimeSpan.FromSeconds(5)));
        tuned.SpoolFolder.ShouldBe("/var/spool/parity");
        tuned.LedgerBatchInterval.ShouldBe(TimeSpan.FromMilliseconds(250));

        Load(Providers + PostgresLedger + "  limits: exact\n").Leases.ShouldBeNull();
    }

    [Theory]
    [InlineData("  limits: loose\n", "ledger.limits: 'loose' is not a limits mode (leased, exact)")]
    [InlineData("  lease: { slice: 0 }\n", "ledger.lease.slice: must be a fraction of a key's budget above 0 and at most 1")]
    [InlineData("  lease: { slice: 1.5 }\n", "ledger.lease.slice: must be a fraction")]
    [InlineData("  lease: { seconds: 1 }\n", "ledger.lease.seconds: must be a number of seconds from 2 to 86400")]
    [InlineData("  batchMilliseconds: 0\n", "ledger.batchMilliseconds: must be from 10 to 60000")]
    public void Bad_lease_and_batch_settings_are_one_line_errors_naming_the_field(string ledger, string error)
    {
        Should.Throw<ParityException>(() => Load(Providers + PostgresLedger + ledger)).Message.ShouldContain(error);
    }

    [Fact]
    public void A_config_with_catalog_ids_gets_vendor_origin_openness_and_prices_from_the_catalog()
    {
        var setup = Load(Providers + """

            models:
              - { name: ds, provider: p, catalogId: deepseek-v3.2 }
              - { name: g5, provider: p, catalogId: gpt-5 }
              - { name: mine, provider: p, catalogId: gpt-5, vendor: Someone, origin: fr, prices: { input: 1, output: 2 } }
            """);
        var ds = setup.Models["ds"];
        ds.Vendor.ShouldBe("DeepSeek");
        ds.Origin.ShouldBe("CN");
        ds.OpenWeights.ShouldBe(true);
        ds.Price.ShouldNotBeNull();
        ds.Price.Source.ShouldStartWith("catalog: ");
        ds.Catalog.ShouldNotBeNull();
        setup.Models["g5"].Origin.ShouldBe("US");
        setup.Models["g5"].OpenWeights.ShouldBe(false);
        setup.Models["g5"].Cost(1_000_000, 0, 0, DateTimeOffset.UtcNow).ShouldBe(setup.Models["g5"].Price!.InputPerMillion);

        var mine = setup.Models["mine"];
        (mine.Vendor, mine.Origin, mine.Price!.InputPerMillion, mine.Catalog).ShouldBe(("Someone", "FR", 1m, null));
        setup.DefaultFlagship()!.Value.Name.ShouldBe("g5");
        setup.SqlitePath.ShouldBe(Parity.Storage.ParityStore.DefaultFileName);
    }

    [Theory]
    [InlineData("models:\n  - { name: a, provider: nope, prices: { input: 1, output: 1 } }", "models[0].provider: no provider is named 'nope'")]
    [InlineData("models:\n  - { name: a, provider: p, catalogId: no-such-model-xyz }", "models[0].catalogId: no model 'no-such-model-xyz'")]
    [InlineData("models:\n  - { name: a, provider: p, prices: { input: 1 } }", "models[0].prices: give both input and output")]
    [InlineData("models:\n  - { name: a, provider: p, prices: { input: 1, output: 1 } }\nroutes:\n  - { name: r, policy: sometimes, models: [a] }", "routes[0].policy: 'sometimes' is not a policy")]
    [InlineData("models:\n  - { name: a, provider: p, prices: { input: 1, output: 1 } }\nroutes:\n  - { name: r, policy: fallback, models: [a, b] }", "routes[0].models: no model is named 'b'")]
    [InlineData("models:\n  - { name: a, provider: p, prices: { input: 1, output: 1 }, quality: { arena: 1300 } }\nroutes:\n  - { name: r, policy: cheapest-meeting, models: [a], minimum: { arena: 1400 } }", "routes[0].minimum: no model of route 'r' has a known score meeting arena >= 1400")]
    [InlineData("models:\n  - { name: a, provider: p, prices: { input: 1, output: 1 } }\nroutes:\n  - { name: r, policy: weighted, models: [a], weights: [1, 2] }", "routes[0].weights: give one weight per model (1), got 2")]
    [InlineData("models:\n  - { name: a, provider: p, prices: { input: 1, output: 1 } }\nroutes:\n  - { name: a, policy: fixed, models: [a] }", "routes[0].name: 'a' is already the name of a model")]
    public void Mistakes_are_errors_that_name_the_file_and_field(string body, string expected)
    {
        var ex = Should.Throw<ParityException>(() => Load(Providers + "\n" + body));
        ex.Message.ShouldContain("gateway.yaml");
        ex.Message.ShouldContain(expected);
    }

    [Fact]
    public void A_missing_key_variable_is_named_and_its_value_never_shown()
    {
        var yaml = """
            providers:
              - { name: p, baseUrl: "https://example.invalid/v1", apiKeyEnv: SOME_PROVIDER_KEY }
            """;
        Should.Throw<ParityException>(() => Load(yaml)).Message.ShouldContain("providers[0].apiKeyEnv: the environment variable SOME_PROVIDER_KEY");
        var setup = Load(yaml, name => name == "SOME_PROVIDER_KEY" ? "sk-secret" : null);
        setup.Providers[0].ApiKey.ShouldBe("sk-secret");
        setup.Providers[0].ToString().ShouldNotContain("sk-secret");
    }

    [Fact]
    public void Yaml_syntax_errors_give_the_line()
    {
        var ex = Should.Throw<ParityException>(() => Load("providers:\n  - name: [unclosed\n"));
        ex.Message.ShouldContain("gateway.yaml, line ");
    }

    [Fact]
    public void Cheapest_routes_are_sorted_by_blended_price_and_filtered_by_the_bar()
    {
        var setup = Load(Providers + """

            models:
              - { name: dear, provider: p, prices: { input: 3, output: 15 }, quality: { arena: 1450 } }
              - { name: mid, provider: p, prices: { input: 0.3, output: 1.2 }, quality: { arena: 1410 } }
              - { name: cheap, provider: p, prices: { input: 0.05, output: 0.1 }, quality: { arena: 1300 } }
            routes:
              - { name: c, policy: cheapest, models: [dear, mid, cheap] }
              - { name: cm, policy: cheapest-meeting, models: [dear, mid, cheap], minimum: { arena: 1400 } }
              - { name: f, policy: fixed, models: [dear, mid] }
              - { name: w, policy: weighted, models: [dear, mid, cheap], weights: [1, 0, 3] }
            """);
        setup.Routes["c"].Plan(0).Select(m => m.Name).ShouldBe(["cheap", "mid", "dear"]);
        setup.Routes["cm"].Plan(0).Select(m => m.Name).ShouldBe(["mid", "dear"]);
        setup.Routes["f"].Plan(0).Select(m => m.Name).ShouldBe(["dear"]);
        setup.Routes["w"].Plan(0.1).Select(m => m.Name).ShouldBe(["dear", "cheap", "mid"]);
        setup.Routes["w"].Plan(0.5).Select(m => m.Name).ShouldBe(["cheap", "dear", "mid"]);
        setup.Resolve("mid")!.Plan(0).Select(m => m.Name).ShouldBe(["mid"]);
        setup.Resolve("nothing").ShouldBeNull();
    }

    private const string RatedModels = Providers + """

        models:
          - { name: gpt-5, provider: p, catalogId: gpt-5 }
          - { name: deepseek-chat, provider: p, catalogId: deepseek-v3.2 }
          - { name: gemini-pro, provider: p, catalogId: gemini-2.5-pro }
        """;

    [Fact]
    public void Min_arena_takes_each_models_rating_from_the_newest_shipped_leaderboard()
    {
        // Newest shipped text board (2025-12-11): gemini-2.5-pro 1464.5, deepseek-v3.2 1416.8, gpt-5 1403.1
        // (gpt-5-chat, the lower of its keys gpt-5-high and gpt-5-chat). A bar of 1410 keeps DeepSeek and Gemini, drops GPT-5; DeepSeek is the cheapest.
        var setup = Load(RatedModels + """

            routes:
              - { name: good, policy: cheapest-meeting, models: [gpt-5, gemini-pro, deepseek-chat], minArena: 1410 }
              - { name: best, policy: cheapest-meeting, models: [gpt-5, gemini-pro, deepseek-chat], minArena: 1450, arenaBoard: text-style-control }
            """);
        var good = setup.Routes["good"];
        good.Plan(0).Select(m => m.Name).ShouldBe(["deepseek-chat", "gemini-pro"]);
        good.Scores.ShouldContain(s => s.StartsWith("deepseek-chat: arena 1416.8 (LMArena text board, 2025-12-11, deepseek-v3.2)", StringComparison.Ordinal));
        good.Excluded.ShouldBe(["gpt-5: arena 1403.1 < 1410 (LMArena text board, 2025-12-11, gpt-5-chat)"]);

        // Style-control board (2025-12-17): gemini-2.5-pro 1451.0 is the only one at 1450 or above.
        setup.Routes["best"].Plan(0).Select(m => m.Name).ShouldBe(["gemini-pro"]);
    }

    [Fact]
    public void A_score_in_the_config_wins_over_the_shipped_rating()
    {
        var setup = Load(Providers + """

            models:
              - { name: gpt-5, provider: p, catalogId: gpt-5, quality: { arena: 1500 } }
              - { name: deepseek-chat, provider: p, catalogId: deepseek-v3.2, quality: { arena: 1000 } }
              - { name: gemini-pro, provider: p, catalogId: gemini-2.5-pro }
            routes:
              - { name: r, policy: cheapest-meeting, models: [gpt-5, gemini-pro, deepseek-chat], minimum: { arena: 1460 } }
            """);
        setup.Routes["r"].Plan(0).Select(m => m.Name).ShouldBe(["gemini-pro", "gpt-5"]);
        setup.Routes["r"].Excluded.ShouldBe(["deepseek-chat: arena 1000.0 < 1460 (config)"]);
    }

    [Fact]
    public void A_bar_no_model_meets_is_an_error_naming_the_route_and_why()
    {
        var ex = Should.Throw<ParityException>(() => Load(RatedModels + """

              - { name: unrated, provider: p, prices: { input: 0.01, output: 0.01 } }
            routes:
              - { name: elite, policy: cheapest-meeting, models: [gpt-5, gemini-pro, deepseek-chat, unrated], minArena: 1500 }
            """));
        ex.Message.ShouldContain("routes[0].minArena: no model of route 'elite' has a known score meeting arena >= 1500");
        ex.Message.ShouldContain("gemini-pro: arena 1464.5 < 1500 (LMArena text board, 2025-12-11, gemini-2.5-pro)");
        ex.Message.ShouldContain("unrated: no arena score");
    }

    [Fact]
    public void An_unknown_arena_board_is_an_error()
    {
        var ex = Should.Throw<ParityException>(() => Load(RatedModels + """

            routes:
              - { name: r, policy: cheapest-meeting, models: [gpt-5], minArena: 1400, arenaBoard: vision }
            """));
        ex.Message.ShouldContain("routes[0].arenaBoard: 'vision' is not a board");
    }

    [Fact]
    public void The_example_config_loads_and_its_min_arena_route_uses_shipped_ratings()
    {
        var folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "examples", "gateway.yaml")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        folder.ShouldNotBeNull("examples/gateway.yaml above the test binaries");
        var setup = GatewayConfigLoader.Load(Path.Combine(folder, "examples", "gateway.yaml"), _ => "test-value");
        var route = setup.Routes["good-enough"];
        route.Scores.ShouldAllBe(s => s.Contains("LMArena text board", StringComparison.Ordinal));
        // Text board 2025-12-11: deepseek-v3.2 1416.8, qwen3-max 1413.8 (qwen3-max-2025-09-23, the lower of its two
        // keys), gpt-5 1403.1 (gpt-5-chat, lower than gpt-5-high), kimi-k2-0905-preview 1380.0.
        route.Candidates.Select(m => m.Name).ShouldBe(["deepseek-chat", "qwen3-max"]);
        route.Excluded.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]).ShouldBe(["gpt-5", "kimi-k2"]);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
