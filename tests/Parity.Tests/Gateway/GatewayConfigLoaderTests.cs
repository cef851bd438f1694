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
        setup.Models["g5"].Cost(1_000_000, 0, 0, DateTimeOffset.UtcNow).ShouldBe(setup.Models["g5"].Price!.InputPerMillion, 1e-9);

        var mine = setup.Models["mine"];
        (mine.Vendor, mine.Origin, mine.Price!.InputPerMillion, mine.Catalog).ShouldBe(("Someone", "FR", 1d, null));
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

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
