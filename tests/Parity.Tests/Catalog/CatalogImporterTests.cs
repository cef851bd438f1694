using Dapper;
using Parity.Catalog;
using Parity.Storage;

namespace Parity.Tests.Catalog;

public sealed class CatalogImporterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parity-import-").FullName;

    private ParityStore Open() => ParityStore.OpenSqlite(Path.Combine(_dir, "parity.db"));

    private static long Count(ParityStore store, string table) => store.Connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}");

    [Fact]
    public void Importing_the_same_file_twice_changes_nothing()
    {
        using var store = Open();
        var file = SharedData.PathOf("models/openrouter/sample_models_api_2025-12-02.json");
        var first = CatalogImporter.Import(store, file);
        first.AlreadyImported.ShouldBeFalse();
        first.Records.ShouldBe(12);
        var counts = (Count(store, "catalog_imports"), Count(store, "catalog_records"), Count(store, "catalog_unmatched"));

        var second = CatalogImporter.Import(store, file);
        second.AlreadyImported.ShouldBeTrue();
        second.ImportId.ShouldBe(first.ImportId);
        (Count(store, "catalog_imports"), Count(store, "catalog_records"), Count(store, "catalog_unmatched")).ShouldBe(counts);
    }

    [Fact]
    public void A_malformed_record_imports_nothing()
    {
        using var store = Open();
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, """{"data": [{"id": "deepseek/deepseek-chat", "pricing": {"prompt": "0.0000003", "completion": "0.0000012"}}, {"id": "broken", "context_length": "long"}]}""");
        var ex = Should.Throw<ParityException>(() => CatalogImporter.Import(store, path));
        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("model 'broken'");
        ex.Message.ShouldContain("'context_length'");
        Count(store, "catalog_imports").ShouldBe(0);
        Count(store, "catalog_records").ShouldBe(0);
    }

    [Fact]
    public void Every_unmatched_name_is_reported_and_stored()
    {
        using var store = Open();
        var result = CatalogImporter.Import(store, SharedData.PathOf("models/openrouter/models_api_2025-12-02.json"));
        result.Records.ShouldBe(335);
        var unmatchedModels = result.Unmatched.Where(u => u.Kind == "model").ToList();
        (result.Matched + unmatchedModels.Count).ShouldBe(335);
        unmatchedModels.ShouldContain(u => u.Name == "amazon/nova-2-lite-v1:free");
        Count(store, "catalog_unmatched").ShouldBe(result.Unmatched.Count);
        Count(store, "catalog_records").ShouldBe(335);
    }

    [Fact]
    public void Epoch_organizations_the_table_does_not_know_are_reported()
    {
        using var store = Open();
        var result = CatalogImporter.Import(store, SharedData.PathOf("models/epoch/epoch_capabilities_index_2026-04.csv"));
        result.Records.ShouldBe(585);
        result.Unmatched.Where(u => u.Kind == "organization").ShouldNotBeEmpty();
    }

    [Fact]
    public void A_later_import_wins_over_the_shipped_data()
    {
        using var store = Open();
        var path = Path.Combine(_dir, "newer-genai.json");
        File.WriteAllText(path, """
            [{"id": "deepseek", "name": "Deepseek", "models": [
              {"id": "deepseek-chat", "match": {"equals": "deepseek-chat"}, "context_window": 128000,
               "prices": {"input_mtok": 0.28, "cache_read_mtok": 0.028, "output_mtok": 0.42}}]}]
            """);
        var result = CatalogImporter.Import(store, path);
        result.Matched.ShouldBe(1);

        var before = ModelCatalog.LoadShipped().Get("deepseek-chat").PrimaryOffer.ShouldNotBeNull();
        before.Schedule.Rules.Count.ShouldBe(2);

        var catalog = ModelCatalog.Load(store);
        var offer = catalog.Get("deepseek-chat").PrimaryOffer.ShouldNotBeNull();
        offer.Schedule.Rules.ShouldHaveSingleItem().Prices.Output.ShouldNotBeNull().Base.ShouldBe(0.42m);
        offer.Source.Name.ShouldContain("imported");
        catalog.Get("deepseek-chat").ContextWindow.ShouldNotBeNull().Value.ShouldBe(128_000);
        catalog.Sources[^1].Origin.ShouldBe("imported");
        catalog.Sources[^1].Matched.ShouldBe(1);

        // The shipped feed's peak price now disagrees with the import, and the catalog says so.
        catalog.Get("deepseek-chat").Disagreements.ShouldContain(d => d.Field == "DeepSeek output price (USD/Mtok)" && d.Value == "0.42" && d.OtherValue == "1.1");
    }

    [Fact]
    public void Imports_of_every_format_replay_from_the_store()
    {
        using var store = Open();
        CatalogImporter.Import(store, SharedData.PathOf("models/litellm/model_prices_and_context_window_2026-07-24.json")).Records.ShouldBe(2983);
        CatalogImporter.Import(store, SharedData.PathOf("models/epoch/frontier_ai_models_2025-11.csv")).Records.ShouldBe(131);
        CatalogImporter.Import(store, SharedData.PathOf("models/genai-prices/data_v2_repo_47df840.json")).Records.ShouldBe(1466);
        var catalog = ModelCatalog.Load(store);
        catalog.Sources.Count(s => s.Origin == "imported").ShouldBe(3);
        catalog.Sources.Where(s => s.Origin == "imported").Select(s => s.Records).ShouldBe([2983, 131, 1466]);
        catalog.Get("gpt-5").PrimaryOffer.ShouldNotBeNull().Source.Name.ShouldContain("data_v2_repo_47df840.json");
    }

    [Fact]
    public void A_forced_wrong_format_is_a_clear_error()
    {
        using var store = Open();
        var ex = Should.Throw<ParityException>(() => CatalogImporter.Import(store, SharedData.PathOf("models/openrouter/sample_models_api_2025-12-02.json"), Parity.Catalog.Feeds.FeedFormat.GenAiPrices));
        ex.Message.ShouldContain("genai-prices feed is a JSON array");
        Count(store, "catalog_imports").ShouldBe(0);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
