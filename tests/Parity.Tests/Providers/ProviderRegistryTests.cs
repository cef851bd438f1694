using Parity.Providers;

namespace Parity.Tests.Providers;

public sealed class ProviderRegistryTests
{
    [Theory]
    [InlineData("deepseek", "DEEPSEEK_API_KEY")]
    [InlineData("dashscope", "DASHSCOPE_API_KEY")]
    [InlineData("openai", "OPENAI_API_KEY")]
    [InlineData("gemini", "GEMINI_API_KEY or GOOGLE_API_KEY")]
    [InlineData("moonshot", "MOONSHOT_API_KEY")]
    public void A_missing_key_names_the_variable(string provider, string variable)
    {
        using var registry = new ProviderRegistry(environment: _ => null);

        var ex = Should.Throw<ParityException>(() => registry.Create(provider + ":some-model"));

        ex.Message.ShouldContain(variable);
    }

    [Fact]
    public void Local_servers_need_no_key_and_take_their_address_from_the_BASE_URL_variable()
    {
        using var registry = new ProviderRegistry(environment: n => n == "VLLM_BASE_URL" ? "http://10.1.2.3:9000/v1/" : null);

        var endpoint = registry.ResolveEndpoint("vllm");

        endpoint.BaseUrl.ToString().ShouldBe("http://10.1.2.3:9000/v1/");
        endpoint.ApiKey.ShouldBeNull();
    }

    [Fact]
    public void The_key_is_never_part_of_what_an_endpoint_prints()
    {
        using var registry = new ProviderRegistry(environment: n => n == "DEEPSEEK_API_KEY" ? "sk-very-secret" : null);

        var endpoint = registry.ResolveEndpoint("deepseek");

        endpoint.ToString().ShouldNotContain("sk-very-secret");
        endpoint.BaseUrl.ToString().ShouldBe("https://api.deepseek.com/v1/");
    }

    [Fact]
    public void Providers_and_aliases_come_from_parity_yaml()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parity-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            providers:
              mylab:
                base_url: https://llm.example.com/v1
                api_key_env: MYLAB_KEY
                max_concurrency: 3
                requests_per_minute: 120
            aliases:
              cheap: mylab:small-1
            """);
        try
        {
            var config = ProviderConfigFile.Load(path);
            using var registry = new ProviderRegistry(config, n => n == "MYLAB_KEY" ? "k" : null);

            registry.ParseAddress("cheap").ShouldBe(new ModelAddress("mylab", "small-1"));
            var endpoint = registry.ResolveEndpoint("mylab");
            endpoint.BaseUrl.ToString().ShouldBe("https://llm.example.com/v1/");
            endpoint.Limits.MaxConcurrency.ShouldBe(3);
            endpoint.Limits.RequestsPerMinute.ShouldBe(120);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_bad_config_file_names_the_file_and_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parity-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "providers:\n  x:\n    max_concurrency: [oops\n");
        try
        {
            var ex = Should.Throw<ParityException>(() => ProviderConfigFile.Load(path));
            ex.Message.ShouldContain(path);
            ex.Message.ShouldContain("line");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_unknown_provider_lists_the_known_ones()
    {
        using var registry = new ProviderRegistry(environment: _ => null);

        var ex = Should.Throw<ParityException>(() => registry.Create("nosuch:model"));

        ex.Message.ShouldContain("deepseek");
        ex.Message.ShouldContain("replay");
    }

    [Theory]
    [InlineData("ollama:qwen3:8b", "ollama", "qwen3:8b")]
    [InlineData("openrouter:deepseek/deepseek-chat", "openrouter", "deepseek/deepseek-chat")]
    public void Model_addresses_keep_colons_and_slashes_in_the_model(string text, string provider, string model) =>
        ModelAddress.Parse(text).ShouldBe(new ModelAddress(provider, model));

    [Fact]
    public void An_address_without_a_provider_is_an_error() =>
        Should.Throw<ParityException>(() => ModelAddress.Parse("gpt-4o")).Message.ShouldContain("provider:model");
}
