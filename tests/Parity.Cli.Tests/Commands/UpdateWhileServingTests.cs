using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Parity.Cli.Tests.Commands;

/// <summary>
/// The live-data test: the real <c>parity serve</c> runs as a child process on a store; <c>parity update</c>
/// downloads a newer LMArena board (a Chinese open-weight model on top, a new model) and a LiteLLM map with GPT-5's
/// output price raised from $10 to $12 from a loopback server; the API and the pages already open in Chromium show
/// the new top model, the new price and the new data age, without a restart and without reloading the pages.
/// </summary>
public sealed class UpdateWhileServingTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly string folder = Directory.CreateTempSubdirectory("parity-live-").FullName;
    private readonly ConcurrentQueue<string> serveOutput = new();
    private Process? serve;
    private HttpClient http = null!;

    private string Db => Path.Combine(folder, "parity.db");

    public async Task InitializeAsync()
    {
        // The store starts with the shipped LiteLLM map imported, so the model page has a price to change.
        (await CliRunner.RunAsync("catalog", "import", "--db", Db, Path.Combine(Parity.ShippedData.Root, "catalog", "litellm_subset_2026-07-24.json"), "--format", "litellm")).Exit.ShouldBe(0);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "parity.dll"), "serve", "--db", Db, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(a);
        }

        serve = Process.Start(start)!;
        serve.OutputDataReceived += (_, e) => serveOutput.Enqueue(e.Data ?? "");
        serve.ErrorDataReceived += (_, e) => serveOutput.Enqueue(e.Data ?? "");
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        while (!serveOutput.Any(l => l.StartsWith("parity serve listening on", StringComparison.Ordinal)))
        {
            serve.HasExited.ShouldBeFalse("parity serve exited: " + string.Join('\n', serveOutput));
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(90), "parity serve did not start: " + string.Join('\n', serveOutput));
            await Task.Delay(100);
        }
    }

    public Task DisposeAsync()
    {
        http.Dispose();
        if (serve is { HasExited: false })
        {
            serve.Kill();
            serve.WaitForExit(10_000);
        }

        serve?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, true);
        return Task.CompletedTask;
    }

    private async Task<JsonNode> GetAsync(string path) => JsonNode.Parse(await http.GetStringAsync(path))!;

    private static decimal? MakerOutput(JsonNode model) =>
        model["priceHistory"]!.AsArray().First(p => p!["firstParty"]!.GetValue<bool>() && p["provider"]!.GetValue<string>() == "OpenAI")!["output"]?.GetValue<decimal>();

    [Fact]
    public async Task Parity_update_while_serving_changes_the_api_and_the_open_pages_without_a_restart()
    {
        var shipped = FeedFixtures.ShippedTextBoard();
        var promoted = FeedFixtures.BestChineseOpenModel(shipped);
        var board = await GetAsync("/api/leaderboard");
        var topBefore = board["rows"]![0]!["key"]!.GetValue<string>();
        topBefore.ShouldNotBe(promoted);
        board["data"]!["boards"]!["text"]!["newest"]!.GetValue<string>().ShouldBe(shipped.Date.ToString("yyyy-MM-dd"));
        MakerOutput(await GetAsync("/api/model/gpt-5")).ShouldBe(10m);
        var version = (await GetAsync("/api/version"))["version"]!.GetValue<long>();

        // Two pages open in Chromium before the update.
        File.Exists(Chromium).ShouldBeTrue($"{Chromium} is required (apt-get install chromium; .ci/run installs it)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var problems = new List<string>();
        var leaderboard = await OpenAsync(browser, problems, "/leaderboard");
        var rows = leaderboard.Locator("#board-table tbody tr");
        await rows.First.WaitForAsync();
        (await rows.First.GetAttributeAsync("data-key")).ShouldBe(topBefore);
        (await leaderboard.Locator("#freshness").InnerTextAsync()).ShouldContain($"text board: snapshot {shipped.Date:yyyy-MM-dd}");
        var model = await OpenAsync(browser, problems, "/model/gpt-5");
        await model.Locator("#prices").WaitForAsync();
        (await model.Locator("#prices tbody tr", new PageLocatorOptions { HasText = "OpenAI (maker)" }).First.InnerTextAsync()).ShouldContain("$10.00");

        // The update, from a loopback server, into the store the child serves.
        await using var feeds = await FeedFixtureServer.StartAsync(path => path.EndsWith("leaderboard-text.json", StringComparison.Ordinal)
            ? (200, FeedFixtures.ArenaBoard(shipped, promoted), "\"b2\"")
            : (200, FeedFixtures.NewerLiteLlm(), "\"l2\""));
        var arena = await CliRunner.RunAsync("update", "--db", Db, "--source", "arena", "--url", $"arena={feeds.Url}/data/leaderboard-text.json");
        arena.Exit.ShouldBe(0, arena.Out + arena.Err);
        arena.Out.ShouldStartWith("arena: imported the text board");
        var litellm = await CliRunner.RunAsync("update", "--db", Db, "--source", "litellm", "--url", $"litellm={feeds.Url}/litellm.json");
        litellm.Exit.ShouldBe(0, litellm.Out + litellm.Err);
        litellm.Out.ShouldContain("gpt-5 (OpenAI)");

        // The API follows the store (the child checks its files about once a second and reloads in the background).
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        JsonNode after;
        do
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "the server never showed the update: " + string.Join('\n', serveOutput));
            await Task.Delay(250);
            after = await GetAsync("/api/leaderboard");
        }
        while (after["data"]!["boards"]!["text"]!["newest"]!.GetValue<string>() != today || MakerOutput(await GetAsync("/api/model/gpt-5")) != 12m);

        (await GetAsync("/api/version"))["version"]!.GetValue<long>().ShouldBeGreaterThan(version);
        after["rows"]![0]!["key"]!.GetValue<string>().ShouldBe(promoted);
        after["rows"]!.AsArray().ShouldContain(r => r!["key"]!.GetValue<string>() == FeedFixtures.NewModelKey);
        after["snapshot"]!["source"]!.GetValue<string>().ShouldStartWith("lmarena/arena-catalog:leaderboard-text.json");
        var race = await GetAsync("/api/race");
        race["data"]!["boards"]!["text"]!["newest"]!.GetValue<string>().ShouldBe(today);

        // The open pages poll /api/version and redraw: the new leader, the new price, the new data age.
        await leaderboard.Locator($"#board-table tbody tr:first-child[data-key='{promoted}']").WaitForAsync();
        await leaderboard.Locator($"#board-table tbody tr[data-key='{FeedFixtures.NewModelKey}']").WaitForAsync();
        (await rows.First.GetAttributeAsync("data-key")).ShouldBe(promoted);
        await leaderboard.Locator("#freshness.changed").WaitForAsync();
        (await leaderboard.Locator("#freshness").InnerTextAsync()).ShouldContain($"text board: snapshot {today} (0 days old)");
        await model.Locator("#prices tbody tr", new PageLocatorOptions { HasText = "$12.00" }).First.WaitForAsync();
        (await model.Locator("#prices tbody tr", new PageLocatorOptions { HasText = "OpenAI (maker)" }).First.InnerTextAsync()).ShouldContain("$12.00");
        problems.ShouldBeEmpty();
        serve!.HasExited.ShouldBeFalse();
    }

    private async Task<IPage> OpenAsync(IBrowser browser, List<string> problems, string path)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                problems.Add("console: " + m.Text);
            }
        };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.RequestFailed += (_, r) => problems.Add($"failed request: {r.Url} {r.Failure}");
        await page.GotoAsync(http.BaseAddress + path.TrimStart('/'));
        return page;
    }
}
