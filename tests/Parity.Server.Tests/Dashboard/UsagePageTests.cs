using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Parity.Server.Dashboard;
using Parity.Server.Tests.Gateway;

namespace Parity.Server.Tests.Dashboard;

/// <summary>
/// The usage page on a real ledger: the gateway (in front of fake providers) writes the rows, the dashboard reads the
/// same config, and what the page and /api/usage show per model and per origin is what <c>parity usage</c> (the real
/// command, a child process) prints for the same ledger.
/// </summary>
public sealed class UsagePageTests : IAsyncLifetime
{
    private readonly TestGateway gateway = new();
    private readonly DashboardBrowser browser = new();

    public async Task InitializeAsync()
    {
        await gateway.InitializeAsync();
        var key = await gateway.CreateKeyAsync("usage-page");
        foreach (var model in new[] { "cn-open", "us-flagship", "cn-open", "cn-small", "us-flagship", "cn-open", "failing", "cheapest" })
        {
            using var response = await gateway.ChatAsync(key, model);
        }

        gateway.Ledger().Count.ShouldBe(8); // every request in the table (what the gateway's log still held is imported)
        await browser.StartAsync(new DashboardOptions(Path.Combine(gateway.Folder, "parity.db"), Gateway: gateway.Setup));
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await gateway.DisposeAsync();
    }

    /// <summary><c>parity usage --config … --by BY --format json</c>, run as the real command.</summary>
    private async Task<JsonNode> ParityUsageAsync(string by)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "parity.dll"), "usage", "--config", gateway.ConfigPath, "--by", by, "--format", "json" })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["ALPHA_KEY"] = TestGateway.AlphaKey;
        start.Environment["TEST_ADMIN_KEY"] = TestGateway.AdminKey;
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await child.WaitForExitAsync(limit.Token);
        }

        child.ExitCode.ShouldBe(0, await error);
        return JsonNode.Parse(await output)!;
    }

    /// <summary>The page's dollar format (app.js <c>usd</c>): below a cent, two significant digits.</summary>
    private static string Usd(decimal x) =>
        "$" + x.ToString(
            x >= 100 ? "#,0" : x >= 1 ? "#,0.00" : x >= 0.01m || x <= 0 ? "#,0.000" : "0." + new string('0', Math.Min(8, 1 - (int)Math.Floor(Math.Log10((double)x)))),
            CultureInfo.InvariantCulture);

    private static string Pct(double x) => (100 * x).ToString("#,0.0", CultureInfo.InvariantCulture) + " %";

    [Fact]
    public async Task Spend_by_model_and_by_origin_on_the_page_is_what_parity_usage_prints_for_the_same_ledger()
    {
        var byModel = await ParityUsageAsync("model");
        var byOrigin = await ParityUsageAsync("origin");
        byModel["requests"]!.GetValue<long>().ShouldBe(8);
        byModel["errors"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(1);
        byModel["costUsd"]!.GetValue<decimal>().ShouldBeGreaterThan(0m);
        byOrigin["rows"]!.AsArray().Select(r => r!["group"]!.GetValue<string>()).ShouldContain("CN open");

        // The API: the same summary, figure for figure.
        using var http = new HttpClient();
        foreach (var (by, cli) in new[] { ("model", byModel), ("origin", byOrigin) })
        {
            var api = JsonNode.Parse(await http.GetStringAsync(browser.BaseUrl + "/api/usage?by=" + by))!["summary"]!;
            api["rows"]!.ToJsonString().ShouldBe(cli["rows"]!.ToJsonString());
            api["costUsd"]!.GetValue<decimal>().ShouldBe(cli["costUsd"]!.GetValue<decimal>());
            api["chineseOpenWeightTokenShare"]!.GetValue<double>().ShouldBe(cli["chineseOpenWeightTokenShare"]!.GetValue<double>());
            api["flagship"]!["costUsd"]!.GetValue<decimal>().ShouldBe(cli["flagship"]!["costUsd"]!.GetValue<decimal>());
        }

        // The page, by model, then grouped by origin through its control.
        var problems = new List<string>();
        var page = await browser.OpenAsync(problems);
        await page.GotoAsync(browser.BaseUrl + "/usage");
        await page.Locator("#usage-table tbody tr").First.WaitForAsync();
        await CheckTableAsync(page, byModel);
        (await page.Locator("#spend").InnerTextAsync()).ShouldBe(Usd(byModel["costUsd"]!.GetValue<decimal>()));
        (await page.Locator("#cn-share").InnerTextAsync()).ShouldBe(Pct(byModel["chineseOpenWeightTokenShare"]!.GetValue<double>()));
        (await page.Locator("#flagship").InnerTextAsync()).ShouldBe(Usd(byModel["flagship"]!["costUsd"]!.GetValue<decimal>()));
        await browser.ScreenshotAsync(page, "usage");

        await page.SelectOptionAsync("select[name=by]", "origin");
        await page.WaitForURLAsync("**by=origin**");
        await page.Locator("#usage-table thead th").First.Filter(new LocatorFilterOptions { HasText = "origin" }).WaitForAsync();
        await CheckTableAsync(page, byOrigin);
        problems.ShouldBeEmpty();
    }

    private static async Task CheckTableAsync(IPage page, JsonNode cli)
    {
        var shown = await page.Locator("#usage-table tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.textContent))");
        var rows = cli["rows"]!.AsArray();
        shown.Length.ShouldBe(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i]!;
            shown[i][0].ShouldBe(r["group"]!.GetValue<string>());
            shown[i][1].ShouldBe(r["requests"]!.GetValue<long>().ToString("#,0", CultureInfo.InvariantCulture));
            shown[i][3].ShouldBe(r["inputTokens"]!.GetValue<long>().ToString("#,0", CultureInfo.InvariantCulture));
            shown[i][4].ShouldBe(r["outputTokens"]!.GetValue<long>().ToString("#,0", CultureInfo.InvariantCulture));
            shown[i][6].ShouldBe(Usd(r["costUsd"]!.GetValue<decimal>()));
            if (r["costUsd"]!.GetValue<decimal>() > 0)
            {
                shown[i][6].ShouldNotBe("$0.000"); // a small spend keeps its digits
            }

            shown[i][7].ShouldBe(Pct(r["tokenShare"]!.GetValue<double>()));
        }
    }
}
