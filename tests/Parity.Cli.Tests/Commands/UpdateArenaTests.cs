using System.Text.Json.Nodes;
using Parity.Arena;
using Parity.Catalog;
using Parity.Storage;

namespace Parity.Cli.Tests.Commands;

/// <summary><c>parity update --source arena</c> against LMArena-format boards served on 127.0.0.1: no internet.</summary>
public sealed class UpdateArenaTests : IDisposable
{
    private static readonly Lazy<LeaderboardSnapshot> Shipped = new(FeedFixtures.ShippedTextBoard);

    private readonly string folder = Directory.CreateTempSubdirectory("parity-update-arena-").FullName;

    private string Db => Path.Combine(folder, "parity.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, true);
    }

    private IReadOnlyList<LeaderboardSnapshot> Stored()
    {
        using var store = ParityStore.OpenSqlite(Db);
        return ArenaSnapshotStore.Load(store, OrganizationTable.LoadShipped());
    }

    [Fact]
    public async Task A_newer_board_imports_whole_names_the_new_model_and_the_moves_beyond_their_interval_then_asks_conditionally()
    {
        var shipped = Shipped.Value;
        var promoted = FeedFixtures.BestChineseOpenModel(shipped);
        var before = shipped.Entries.First(e => e.ModelKey == promoted);
        await using var server = await FeedFixtureServer.StartAsync(_ => (200, FeedFixtures.ArenaBoard(shipped, promoted), "\"board-2\""));

        var (exit, output, error) = await CliRunner.RunAsync("update", "--db", Db, "--source", "arena", "--url", $"arena={server.Url}/data/leaderboard-text.json", "--format", "json");
        exit.ShouldBe(0, error);
        var result = JsonNode.Parse(output)!.AsArray().Single()!;
        result["outcome"]!.GetValue<string>().ShouldBe("imported");
        result["records"]!.GetValue<int>().ShouldBe(shipped.Entries.Count + 1);
        result["newModels"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe([FeedFixtures.NewModelKey]);
        var move = result["ratingMoves"]!.AsArray().Single()!;
        move["modelKey"]!.GetValue<string>().ShouldBe(promoted);
        move["before"]!.GetValue<double>().ShouldBe(before.Rating);
        move["lowerBefore"]!.GetValue<double>().ShouldBe(before.Lower!.Value);
        var summary = result["summary"]!.GetValue<string>();
        summary.ShouldStartWith($"arena: imported the text board of {DateTime.UtcNow:yyyy-MM-dd} ({shipped.Entries.Count + 1} models, top {promoted} ");
        summary.ShouldContain($"1 new since {shipped.Date:yyyy-MM-dd}: {FeedFixtures.NewModelKey}");
        summary.ShouldContain($"1 score moved beyond its 95% interval: {promoted} {FeedFixtures.Invariant(before.Rating)} → ");

        // The store holds the whole board, the organization and licence carried over from the shipped history.
        var stored = Stored().Single();
        stored.Board.ShouldBe("text");
        stored.Source.ShouldStartWith("lmarena/arena-catalog:leaderboard-text.json");
        stored.Entries.Count.ShouldBe(shipped.Entries.Count + 1);
        stored.Entries[0].ModelKey.ShouldBe(promoted);
        stored.Entries[0].Organization.ShouldBe(before.Organization);
        stored.Entries[0].Country.ShouldBe("CN");
        stored.Entries[0].OpenWeights.ShouldBe(true);
        stored.Entries.Single(e => e.ModelKey == FeedFixtures.NewModelKey).Organization.ShouldBeNull();

        // The next run asks with the ETag and the server's 304 changes nothing.
        var (again, second, _) = await CliRunner.RunAsync("update", "--db", Db, "--source", "arena", "--url", $"arena={server.Url}/data/leaderboard-text.json");
        again.ShouldBe(0);
        second.ShouldStartWith("arena: not modified");
        server.Requests.Last().IfNoneMatch.ShouldBe("\"board-2\"");
        Stored().Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_report_claims_and_arena_history_read_the_stored_board_with_db()
    {
        var shipped = Shipped.Value;
        var promoted = FeedFixtures.BestChineseOpenModel(shipped);
        await using var server = await FeedFixtureServer.StartAsync(_ => (200, FeedFixtures.ArenaBoard(shipped, promoted), null));
        (await CliRunner.RunAsync("update", "--db", Db, "--source", "arena", "--url", $"arena={server.Url}/leaderboard-text.json")).Exit.ShouldBe(0);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var (exit, output, error) = await CliRunner.RunAsync("report", "--db", Db, "--format", "json", "--out", Path.Combine(folder, "report"));
        exit.ShouldBe(0, error);
        var report = JsonNode.Parse(output)!;
        report["asOf"]!.GetValue<string>().ShouldBe(today);
        report["standing"]!["usChina"]!["second"]!["key"]!.GetValue<string>().ShouldBe(promoted);
        report["standing"]!["usChina"]!["gap"]!.GetValue<double>().ShouldBeLessThan(0); // China leads on the newer board

        var (_, history, _) = await CliRunner.RunAsync("arena", "history", "--db", Db, "--format", "json");
        var last = JsonNode.Parse(history)!.AsArray().Where(r => r!["board"]!.GetValue<string>() == "text").Last()!;
        last["date"]!.GetValue<string>().ShouldBe(today);
        last["source"]!.GetValue<string>().ShouldStartWith("lmarena/arena-catalog:leaderboard-text.json");

        // Without --db (or with a store that holds no board) nothing changes: the shipped history.
        var (_, shippedReport, _) = await CliRunner.RunAsync("report", "--format", "json", "--out", Path.Combine(folder, "report-shipped"));
        JsonNode.Parse(shippedReport)!["asOf"]!.GetValue<string>().ShouldBe(shipped.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_board_equal_to_the_newest_snapshot_stores_nothing()
    {
        await using var server = await FeedFixtureServer.StartAsync(_ => (200, FeedFixtures.ArenaBoard(Shipped.Value), null));
        var (exit, output, _) = await CliRunner.RunAsync("update", "--db", Db, "--source", "arena", "--url", $"arena={server.Url}/leaderboard-text.json");
        exit.ShouldBe(0);
        output.ShouldStartWith($"arena: the text board is the same as its snapshot of {Shipped.Value.Date:yyyy-MM-dd} ({Shipped.Value.Entries.Count} models, equal scores); store unchanged");
        Stored().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("404", "HTTP 404")]
    [InlineData("truncated", "not valid JSON")]
    [InlineData("schema", "expected an object with a 'full' category")]
    [InlineData("field", "field 'rating_q025' is missing")]
    public async Task A_failed_download_leaves_the_stored_boards_as_they_were_and_names_the_source(string failure, string expected)
    {
        var shipped = Shipped.Value;
        var good = FeedFixtures.ArenaBoard(shipped, FeedFixtures.BestChineseOpenModel(shipped));
        var serveGood = true;
        await using var server = await FeedFixtureServer.StartAsync(_ => serveGood ? (200, good, null) : failure switch
        {
            "404" => (404, "not here"u8.ToArray(), null),
            "truncated" => (200, good[..(good.Length / 2)], null),
            "schema" => (200, "[{\"model\":\"gemini-3-pro\",\"score\":1486.6}]"u8.ToArray(), null),
            _ => (200, System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(good).Replace("\"rating_q025\"", "\"q025\"", StringComparison.Ordinal)), null),
        });
        var url = $"arena={server.Url}/leaderboard-text.json";
        (await CliRunner.RunAsync("update", "--db", Db, "--source", "arena", "--url", url)).Exit.ShouldBe(0);
        var before = Stored();
        serveGood = false;

        var (exit, output, _) = await CliRunner.RunAsync("update", "--db", Db, "--source", "arena", "--url", url);
        exit.ShouldBe(1);
        output.ShouldStartWith("arena: failed, store unchanged");
        output.ShouldContain(expected);
        var after = Stored();
        after.Count.ShouldBe(before.Count);
        after[0].Source.ShouldBe(before[0].Source);
        after[0].Entries.Select(e => (e.ModelKey, e.Rating)).ShouldBe(before[0].Entries.Select(e => (e.ModelKey, e.Rating)));
        Directory.GetFiles(Path.Combine(folder, "feeds")).Length.ShouldBe(1);
    }
}
