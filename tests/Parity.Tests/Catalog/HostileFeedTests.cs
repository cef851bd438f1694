using Dapper;
using Parity.Catalog;
using Parity.Storage;

namespace Parity.Tests.Catalog;

/// <summary>
/// One table of hostile inputs per feed format. Each row is a file that <c>parity catalog import</c>
/// must refuse whole, with one line naming the file, the record and the field, leaving the store as
/// it was. A new numeric field gets a row here.
/// </summary>
public sealed class HostileFeedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parity-hostile-").FullName;

    private static string LiteLlm(string model) => $$"""{"gpt-5": {{model}}}""";

    private const string LiteLlmOk = "\"input_cost_per_token\": 0.00000125, \"output_cost_per_token\": 0.00001";

    private static string OpenRouter(string model) => $$"""{"data": [{"id": "openai/gpt-5", {{model}}}]}""";

    private static string GenAi(string model) => $$"""[{"id": "openai", "models": [{"id": "gpt-5", {{model}}}]}]""";

    private const string EpochHeader = "Model,Organization,Publication date,Parameters,Training compute (FLOP),Hardware quantity,Training time (hours),Training compute cost (2023 USD)\n";

    /// <summary>Case name, file name, content, and what the one-line error must say besides the file's path.</summary>
    public static TheoryData<string, string, string, string[]> LiteLlmFiles() => new()
    {
        { "negative input price", "litellm.json", LiteLlm("""{"input_cost_per_token": -0.00000125, "output_cost_per_token": 0.00001}"""), ["model 'gpt-5'", "'input_cost_per_token'", "must not be negative"] },
        { "negative output price", "litellm.json", LiteLlm("""{"input_cost_per_token": 0.00000125, "output_cost_per_token": -0.00001}"""), ["model 'gpt-5'", "'output_cost_per_token'", "must not be negative"] },
        { "negative cache price", "litellm.json", LiteLlm($$"""{ {{LiteLlmOk}}, "cache_read_input_token_cost": -1e-7}"""), ["model 'gpt-5'", "'cache_read_input_token_cost'", "negative"] },
        { "negative cache write price", "litellm.json", LiteLlm($$"""{ {{LiteLlmOk}}, "cache_creation_input_token_cost": -1e-7}"""), ["model 'gpt-5'", "'cache_creation_input_token_cost'", "negative"] },
        { "negative long-context tier", "litellm.json", LiteLlm($$"""{ {{LiteLlmOk}}, "input_cost_per_token_above_200k_tokens": -0.0000025}"""), ["model 'gpt-5'", "'input_cost_per_token_above_200k_tokens'", "negative"] },
        { "tier threshold out of range", "litellm.json", LiteLlm($$"""{ {{LiteLlmOk}}, "input_cost_per_token_above_99999999999999999999k_tokens": 0.0000025}"""), ["model 'gpt-5'", "'input_cost_per_token_above_99999999999999999999k_tokens'", "out of range"] },
        { "price as a string", "litellm.json", LiteLlm("""{"input_cost_per_token": "0.00000125"}"""), ["model 'gpt-5'", "'input_cost_per_token'", "must be a number, got \"0.00000125\""] },
        { "price as an empty string", "litellm.json", LiteLlm("""{"input_cost_per_token": ""}"""), ["model 'gpt-5'", "'input_cost_per_token'", "must be a number, got \"\""] },
        { "price as \"NaN\"", "litellm.json", LiteLlm("""{"input_cost_per_token": "NaN"}"""), ["model 'gpt-5'", "'input_cost_per_token'", "must be a number"] },
        { "price as a boolean", "litellm.json", LiteLlm("""{"input_cost_per_token": true}"""), ["model 'gpt-5'", "'input_cost_per_token'", "must be a number, got true"] },
        { "price as an object", "litellm.json", LiteLlm("""{"input_cost_per_token": {"usd": 1}}"""), ["model 'gpt-5'", "'input_cost_per_token'", "an object"] },
        { "price as an array", "litellm.json", LiteLlm("""{"input_cost_per_token": [1]}"""), ["model 'gpt-5'", "'input_cost_per_token'", "an array"] },
        { "price beyond a decimal", "litellm.json", LiteLlm("""{"input_cost_per_token": 1e300}"""), ["model 'gpt-5'", "'input_cost_per_token'", "out of range"] },
        { "price beyond 1e15", "litellm.json", LiteLlm("""{"input_cost_per_token": 1e20}"""), ["model 'gpt-5'", "'input_cost_per_token'", "out of range"] },
        { "negative context window", "litellm.json", LiteLlm($$"""{ {{LiteLlmOk}}, "max_input_tokens": -1}"""), ["model 'gpt-5'", "'max_input_tokens'", "whole number"] },
        { "fractional context window", "litellm.json", LiteLlm($$"""{ {{LiteLlmOk}}, "max_input_tokens": 1.5}"""), ["model 'gpt-5'", "'max_input_tokens'", "whole number"] },
        { "context window beyond a long", "litellm.json", LiteLlm($$"""{ {{LiteLlmOk}}, "max_input_tokens": 1e25}"""), ["model 'gpt-5'", "'max_input_tokens'", "whole number"] },
        { "context window as a string", "litellm.json", LiteLlm($$"""{ {{LiteLlmOk}}, "max_input_tokens": "128000"}"""), ["model 'gpt-5'", "'max_input_tokens'", "whole number"] },
        { "provider as a number", "litellm.json", LiteLlm($$"""{ {{LiteLlmOk}}, "litellm_provider": 5}"""), ["model 'gpt-5'", "'litellm_provider'", "must be a string"] },
        { "negative range start", "litellm.json", LiteLlm("""{"tiered_pricing": [{"range": [-5, 32000], "input_cost_per_token": 1e-7, "output_cost_per_token": 1e-6}]}"""), ["model 'gpt-5'", "'tiered_pricing[0].range[0]'", "negative"] },
        { "fractional range start", "litellm.json", LiteLlm("""{"tiered_pricing": [{"range": [0.5, 32000], "input_cost_per_token": 1e-7, "output_cost_per_token": 1e-6}]}"""), ["model 'gpt-5'", "'tiered_pricing[0].range[0]'", "whole number"] },
        { "negative range price", "litellm.json", LiteLlm("""{"tiered_pricing": [{"range": [0, 32000], "input_cost_per_token": -1e-7, "output_cost_per_token": 1e-6}]}"""), ["model 'gpt-5'", "'input_cost_per_token'", "negative"] },
        { "model not an object", "litellm.json", LiteLlm("5"), ["model 'gpt-5'", "not an object"] },
        { "empty model key", "litellm.json", """{"": {"input_cost_per_token": 1e-6}}""", ["key is empty"] },
        { "the same model key twice", "litellm.json", "{\n  \"gpt-5\": {\"input_cost_per_token\": 0.00000125},\n  \"gpt-5\": {\"input_cost_per_token\": 0.000002}\n}", [":3:", "key 'gpt-5'", "twice", "object at $", "first on line 2"] },
        { "the same field twice in a model", "litellm.json", "{\"gpt-5\": {\n\"input_cost_per_token\": 0.00000125,\n\"input_cost_per_token\": -1}}", [":3:", "key 'input_cost_per_token'", "twice", "object at $[\"gpt-5\"]"] },
        { "a NaN literal", "litellm.json", LiteLlm("""{"input_cost_per_token": NaN}"""), ["not valid JSON", "line 1"] },
        { "an Infinity literal", "litellm.json", LiteLlm("""{"input_cost_per_token": Infinity}"""), ["not valid JSON"] },
        { "truncated", "litellm.json", """{"gpt-5": {"input_cost_per_token": 0.00000125, "outp""", ["not valid JSON"] },
    };

    public static TheoryData<string, string, string, string[]> OpenRouterFiles() => new()
    {
        { "negative prompt price", "openrouter.json", OpenRouter("""  "pricing": {"prompt": "-0.00000125", "completion": "0.00001"}"""), ["model 'openai/gpt-5' (data[0])", "'prompt'", "must not be negative, got \"-0.00000125\""] },
        { "negative completion price", "openrouter.json", OpenRouter("""  "pricing": {"prompt": "0.00000125", "completion": "-0.00001"}"""), ["model 'openai/gpt-5'", "'completion'", "negative"] },
        { "-1 on the prompt only", "openrouter.json", OpenRouter("""  "pricing": {"prompt": "-1", "completion": "0.00001"}"""), ["model 'openai/gpt-5'", "'prompt'", "negative"] },
        { "negative cache read price", "openrouter.json", OpenRouter("""  "pricing": {"prompt": "0.00000125", "completion": "0.00001", "input_cache_read": "-1e-7"}"""), ["model 'openai/gpt-5'", "'input_cache_read'", "negative"] },
        { "negative cache write price", "openrouter.json", OpenRouter("""  "pricing": {"prompt": "0.00000125", "completion": "0.00001", "input_cache_write": "-1e-7"}"""), ["model 'openai/gpt-5'", "'input_cache_write'", "negative"] },
        { "\"NaN\" price", "openrouter.json", OpenRouter("""  "pricing": {"prompt": "NaN", "completion": "0.00001"}"""), ["model 'openai/gpt-5'", "'prompt'", "decimal number in a string, got \"NaN\""] },
        { "\"Infinity\" price", "openrouter.json", OpenRouter("""  "pricing": {"prompt": "Infinity", "completion": "0.00001"}"""), ["model 'openai/gpt-5'", "'prompt'", "decimal number in a string"] },
        { "\"-Infinity\" price", "openrouter.json", OpenRouter("""  "pricing": {"prompt": "-Infinity", "completion": "0.00001"}"""), ["model 'openai/gpt-5'", "'prompt'", "decimal number in a string"] },
        { "\"∞\" price", "openrouter.json", OpenRouter("""  "pricing": {"prompt": "∞", "completion": "0.00001"}"""), ["model 'openai/gpt-5'", "'prompt'", "decimal number in a string"] },
        { "empty-string price", "openrouter.json", OpenRouter("""  "pricing": {"prompt": "", "completion": "0.00001"}"""), ["model 'openai/gpt-5'", "'prompt'", "got \"\""] },
        { "price beyond a decimal", "openrouter.json", OpenRouter("""  "pricing": {"prompt": "1e400", "completion": "0.00001"}"""), ["model 'openai/gpt-5'", "'prompt'", "decimal number in a string"] },
        { "price beyond 1e15", "openrouter.json", OpenRouter("""  "pricing": {"prompt": "1e20", "completion": "0.00001"}"""), ["model 'openai/gpt-5'", "'prompt'", "out of range"] },
        { "price as a number", "openrouter.json", OpenRouter("""  "pricing": {"prompt": 0.00000125, "completion": "0.00001"}"""), ["model 'openai/gpt-5'", "'prompt'", "decimal number in a string, got 0.00000125"] },
        { "pricing as a string", "openrouter.json", OpenRouter("""  "pricing": "free" """), ["model 'openai/gpt-5'", "'pricing'", "must be an object"] },
        { "negative context length", "openrouter.json", OpenRouter("""  "context_length": -400000"""), ["model 'openai/gpt-5'", "'context_length'", "whole number"] },
        { "context length as a string", "openrouter.json", OpenRouter("""  "context_length": "400k" """), ["model 'openai/gpt-5'", "'context_length'", "whole number"] },
        { "created as a string", "openrouter.json", OpenRouter("""  "created": "yesterday" """), ["model 'openai/gpt-5'", "'created'", "whole number"] },
        { "empty id", "openrouter.json", """{"data": [{"id": ""}]}""", ["data[0]", "'id'", "is empty"] },
        { "id as a number", "openrouter.json", """{"data": [{"id": 42}]}""", ["data[0]", "'id'", "must be a string, got 42"] },
        { "the same model twice", "openrouter.json", """{"data": [{"id": "openai/gpt-5", "pricing": {"prompt": "0.00000125", "completion": "0.00001"}}, {"id": "openai/gpt-5", "pricing": {"prompt": "0.000002", "completion": "0.00002"}}]}""", ["record #2", "'id'", "model 'openai/gpt-5'", "record #1"] },
        { "the same key twice in pricing", "openrouter.json", "{\"data\": [{\"id\": \"openai/gpt-5\",\n \"pricing\": {\"prompt\": \"0.00000125\",\n \"prompt\": \"-1\"}}]}", [":3:", "key 'prompt'", "object at $.data[0].pricing", "first on line 2"] },
        { "truncated", "openrouter.json", """{"data": [{"id": "openai/gpt-5", "pricing": {"prompt": "0.0000""", ["not valid JSON"] },
    };

    public static TheoryData<string, string, string, string[]> GenAiPricesFiles() => new()
    {
        { "negative input price", "genai.json", GenAi("""  "prices": {"input_mtok": -1.25, "output_mtok": 10}"""), ["model 'gpt-5'", "'prices.input_mtok'", "must not be negative, got -1.25"] },
        { "negative output price", "genai.json", GenAi("""  "prices": {"input_mtok": 1.25, "output_mtok": -10}"""), ["model 'gpt-5'", "'prices.output_mtok'", "negative"] },
        { "negative cache read price", "genai.json", GenAi("""  "prices": {"input_mtok": 1.25, "cache_read_mtok": -0.125}"""), ["model 'gpt-5'", "'prices.cache_read_mtok'", "negative"] },
        { "negative cache write price", "genai.json", GenAi("""  "prices": {"input_mtok": 1.25, "cache_write_mtok": -0.125}"""), ["model 'gpt-5'", "'prices.cache_write_mtok'", "negative"] },
        { "negative tier base", "genai.json", GenAi("""  "prices": {"input_mtok": {"base": -1.25, "tiers": []}}"""), ["model 'gpt-5'", "'prices.input_mtok.base'", "negative"] },
        { "negative tier price", "genai.json", GenAi("""  "prices": {"input_mtok": {"base": 1.25, "tiers": [{"start": 200000, "price": -2.5}]}}"""), ["model 'gpt-5'", "'prices.input_mtok.tiers[0].price'", "negative"] },
        { "negative tier start", "genai.json", GenAi("""  "prices": {"input_mtok": {"base": 1.25, "tiers": [{"start": -200000, "price": 2.5}]}}"""), ["model 'gpt-5'", "'prices.input_mtok.tiers[0].start'", "negative"] },
        { "fractional tier start", "genai.json", GenAi("""  "prices": {"input_mtok": {"base": 1.25, "tiers": [{"start": 0.5, "price": 2.5}]}}"""), ["model 'gpt-5'", "'prices.input_mtok.tiers[0].start'", "whole number"] },
        { "price as a string", "genai.json", GenAi("""  "prices": {"input_mtok": "1.25"}"""), ["model 'gpt-5'", "'prices.input_mtok'", "must be a number or a tiered price, got \"1.25\""] },
        { "price as an empty string", "genai.json", GenAi("""  "prices": {"input_mtok": ""}"""), ["model 'gpt-5'", "'prices.input_mtok'", "got \"\""] },
        { "price as a boolean", "genai.json", GenAi("""  "prices": {"input_mtok": false}"""), ["model 'gpt-5'", "'prices.input_mtok'", "got false"] },
        { "price beyond a decimal", "genai.json", GenAi("""  "prices": {"input_mtok": 1e300}"""), ["model 'gpt-5'", "'prices.input_mtok'", "out of range"] },
        { "conditional price negative", "genai.json", GenAi("""  "prices": [{"prices": {"input_mtok": 1.25}}, {"constraint": {"start_date": "2026-01-01"}, "prices": {"input_mtok": -1}}]"""), ["model 'gpt-5'", "'prices[1].prices.input_mtok'", "negative"] },
        { "negative context window", "genai.json", GenAi("""  "prices": {"input_mtok": 1.25}, "context_window": -1"""), ["model 'gpt-5'", "'context_window'", "whole number"] },
        { "empty model id", "genai.json", """[{"id": "openai", "models": [{"id": " ", "prices": {}}]}]""", ["provider 'openai', model #1", "'id'", "is empty"] },
        { "empty provider id", "genai.json", """[{"id": "", "models": []}]""", ["provider #1", "'id'", "is empty"] },
        { "models as an object", "genai.json", """[{"id": "openai", "models": {}}]""", ["provider 'openai'", "'models'", "must be an array"] },
        { "the same model twice", "genai.json", """[{"id": "openai", "models": [{"id": "gpt-5", "prices": {"input_mtok": 1.25}}, {"id": "gpt-5", "prices": {"input_mtok": 2}}]}]""", ["record #2", "model 'gpt-5' of provider 'openai'", "record #1"] },
        { "the same key twice in prices", "genai.json", "[{\"id\": \"openai\", \"models\": [{\"id\": \"gpt-5\",\n\"prices\": {\"input_mtok\": 1.25, \"input_mtok\": 2}}]}]", [":2:", "key 'input_mtok'", "object at $[0].models[0].prices"] },
        { "truncated", "genai.json", """[{"id": "openai", "models": [{"id": "gpt-5", "prices": {"input_mtok": 1.""", ["not valid JSON"] },
    };

    public static TheoryData<string, string, string, string[]> EpochFiles() => new()
    {
        { "negative parameters", "epoch.csv", EpochHeader + "GPT-4,OpenAI,2023-03-15,-1.8e12,,,,\n", ["line 2 (model 'GPT-4')", "'Parameters'", "must not be negative"] },
        { "negative compute", "epoch.csv", EpochHeader + "GPT-4,OpenAI,2023-03-15,,-2.1e25,,,\n", ["line 2 (model 'GPT-4')", "'Training compute (FLOP)'", "negative"] },
        { "negative hardware quantity", "epoch.csv", EpochHeader + "GPT-4,OpenAI,2023-03-15,,,-25000,,\n", ["line 2", "'Hardware quantity'", "negative"] },
        { "negative training time", "epoch.csv", EpochHeader + "GPT-4,OpenAI,2023-03-15,,,,-2280,\n", ["line 2", "'Training time (hours)'", "negative"] },
        { "negative cost", "epoch.csv", EpochHeader + "GPT-4,OpenAI,2023-03-15,,,,,-40000000\n", ["line 2", "'Training compute cost (2023 USD)'", "negative"] },
        { "NaN parameters", "epoch.csv", EpochHeader + "GPT-4,OpenAI,2023-03-15,NaN,,,,\n", ["line 2", "'Parameters'", "must be a number, got \"NaN\""] },
        { "Infinity compute", "epoch.csv", EpochHeader + "GPT-4,OpenAI,2023-03-15,,Infinity,,,\n", ["line 2", "'Training compute (FLOP)'", "must be a number"] },
        { "∞ cost", "epoch.csv", EpochHeader + "GPT-4,OpenAI,2023-03-15,,,,,∞\n", ["line 2", "'Training compute cost (2023 USD)'", "must be a number"] },
        { "text for a number", "epoch.csv", EpochHeader + "GPT-4,OpenAI,2023-03-15,about a trillion,,,,\n", ["line 2", "'Parameters'", "must be a number"] },
        { "bad date", "epoch.csv", EpochHeader + "GPT-4,OpenAI,2023-13-45,,,,,\n", ["line 2", "'Publication date'", "must be a date"] },
        { "empty model", "epoch.csv", EpochHeader + " ,OpenAI,2023-03-15,,,,,\n", ["line 2", "'Model'", "is empty"] },
        { "unterminated quote", "epoch.csv", EpochHeader + "GPT-4,OpenAI,2023-03-15,,,,,\n\"unterminated,OpenAI,2024-01-01,,,,,\nClaude 3,Anthropic,2024-03-04,,,,,\n", [":3:", "field 'Model'", "never closed"] },
        { "unterminated quote before a quoted field", "epoch.csv", EpochHeader + "GPT-4,\"OpenAI,2023-03-15,,,,,\nClaude 3,\"Anthropic\",2024-03-04,,,,,\n", [":3:", "text after its closing quote", "opened on line 2"] },
        { "text after a closing quote", "epoch.csv", EpochHeader + "\"GPT-4\" turbo,OpenAI,2023-03-15,,,,,\n", [":2:", "field 'Model'", "text after its closing quote"] },
        { "more fields than the header", "epoch.csv", EpochHeader + "GPT-4,Open,AI,2023-03-15,,,,,\n", [":2:", "9 fields, the header 8"] },
        { "the same model twice", "epoch.csv", EpochHeader + "GPT-4,OpenAI,2023-03-15,,,,,\nGPT-4,OpenAI,2023-03-14,,,,,\n", ["record #2", "field 'Model'", "model 'GPT-4'", "record #1"] },
    };

    [Theory]
    [MemberData(nameof(LiteLlmFiles))]
    [MemberData(nameof(OpenRouterFiles))]
    [MemberData(nameof(GenAiPricesFiles))]
    [MemberData(nameof(EpochFiles))]
    public void Is_refused_whole_with_one_line_naming_file_record_and_field_and_the_store_is_unchanged(string @case, string file, string content, string[] expected)
    {
        using var store = ParityStore.OpenSqlite(Path.Combine(_dir, "parity.db"));
        CatalogImporter.Import(store, SharedData.PathOf("models/openrouter/sample_models_api_2025-12-02.json"));
        var before = Snapshot(store);

        var path = Path.Combine(_dir, file);
        File.WriteAllText(path, content);
        var ex = Should.Throw<ParityException>(() => CatalogImporter.Import(store, path), @case);

        ex.Message.ShouldStartWith(path + ":", customMessage: @case);
        ex.Message.ShouldNotContain("\n", customMessage: @case);
        foreach (var part in expected)
        {
            ex.Message.ShouldContain(part, customMessage: @case);
        }

        Snapshot(store).ShouldBe(before, @case);
    }

    [Fact]
    public void OpenRouter_routers_priced_minus_one_on_both_sides_import_without_a_price()
    {
        using var store = ParityStore.OpenSqlite(Path.Combine(_dir, "parity.db"));
        var path = Path.Combine(_dir, "router.json");
        File.WriteAllText(path, """{"data": [{"id": "openrouter/auto", "pricing": {"prompt": "-1", "completion": "-1"}}]}""");
        CatalogImporter.Import(store, path).Records.ShouldBe(1);
        store.Connection.ExecuteScalar<string>("SELECT payload FROM catalog_records").ShouldNotBeNull().ShouldNotContain("Prices");
    }

    private static string Snapshot(ParityStore store) => string.Join("\n",
        store.Connection.Query<string>("SELECT sha256 || ':' || record_count FROM catalog_imports ORDER BY id")
            .Concat(store.Connection.Query<string>("SELECT import_id || ':' || seq || ':' || payload FROM catalog_records ORDER BY import_id, seq"))
            .Append(store.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM catalog_unmatched").ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
