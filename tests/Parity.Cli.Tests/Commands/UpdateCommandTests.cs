using System.Text.Json.Nodes;
using Parity.Storage;

namespace Parity.Cli.Tests.Commands;

/// <summary><c>parity update</c> against feeds served on 127.0.0.1 by the test itself: no internet.</summary>
public sealed class UpdateCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("parity-update-").FullName;

    private string Db => Path.Combine(folder, "parity.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, true);
    }

    private long Imports()
    {
        using var store = ParityStore.OpenSqlite(Db);
        return Dapper.SqlMapper.ExecuteScalar<long>(store.Connection, "SELECT count(*) FROM catalog_imports");
    }

    [Fact]
    public async Task An_update_imports_a_newer_feed_reports_the_price_change_and_then_asks_conditionally()
    {
        await using var server = await FeedFixtureServer.StartAsync(_ => (200, FeedFixtures.NewerLiteLlm(), "\"v1\""));
        var (exit, output, error) = await CliRunner.RunAsync("update", "--db", Db, "--source", "litellm", "--url", $"litellm={server.Url}/litellm.json", "--format", "json");
        exit.ShouldBe(0, error);
        var result = JsonNode.Parse(output)!.AsArray().Single()!;
        result["outcome"]!.GetValue<string>().ShouldBe("imported");
        result["summary"]!.GetValue<string>().ShouldStartWith("litellm: imported");
        result["priceChanges"]!.AsArray().ShouldContain(c => c!["model"]!.GetValue<string>() == "gpt-5" && c["outputAfter"]!.GetValue<decimal>() == 12m);
        var (_, show, _) = await CliRunner.RunAsync("models", "show", "gpt-5", "--db", Db);
        show.Split('\n').ShouldContain(l => l.Contains("OpenAI (maker)") && l.Contains(" 12 ") && l.Contains("litellm (litellm_"));

        var (again, second, _) = await CliRunner.RunAsync("update", "--db", Db, "--source", "litellm", "--url", $"litellm={server.Url}/litellm.json");
        again.ShouldBe(0);
        second.ShouldContain("not modified");
        server.Requests.Last().IfNoneMatch.ShouldBe("\"v1\"");
    }

    [Theory]
    [InlineData(404, "HTTP 404")]
    [InlineData(200, "litellm")]
    [InlineData(201, "litellm")]
    public async Task A_failed_download_leaves_the_store_as_it_was_and_names_the_source(int status, string expected)
    {
        // 404; a truncated body (half the JSON); a changed schema (an array where the map was an object).
        var full = FeedFixtures.NewerLiteLlm();
        await using var server = await FeedFixtureServer.StartAsync(_ => status switch
        {
            404 => (404, "not here"u8.ToArray(), null),
            200 => (200, full[..(full.Length / 2)], null),
            _ => (200, "[{\"model\":\"gpt-5\"}]"u8.ToArray(), null),
        });
        (await CliRunner.RunAsync("catalog", "import", "--db", Db, Path.Combine(ShippedData.Root, "catalog", "litellm_subset_2026-07-24.json"), "--format", "litellm")).Exit.ShouldBe(0);
        var before = Imports();

        var (exit, output, _) = await CliRunner.RunAsync("update", "--db", Db, "--source", "litellm", "--url", $"litellm={server.Url}/litellm.json");
        exit.ShouldBe(1);
        output.ShouldStartWith("litellm: failed, store unchanged");
        output.ShouldContain(expected);
        Imports().ShouldBe(before);
    }

    [Fact]
    public async Task A_network_error_names_the_source()
    {
        var (exit, output, _) = await CliRunner.RunAsync("update", "--db", Db, "--source", "litellm", "--url", "litellm=http://127.0.0.1:9/none.json");
        exit.ShouldBe(1);
        output.ShouldStartWith("litellm: failed, store unchanged: downloading http://127.0.0.1:9/none.json failed");
    }
}
