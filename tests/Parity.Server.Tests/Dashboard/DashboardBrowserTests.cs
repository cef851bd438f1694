using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Parity.Catalog;
using Parity.Claims;
using Parity.Reports;

namespace Parity.Server.Tests.Dashboard;

/// <summary>
/// Every dashboard page in Chromium on the shipped data: the numbers shown are the engine's own (the report
/// builder's US–China gap, the newest snapshot's top model, the claims checker's verdicts), a filter and a sort
/// change the rows as they should, a chart point shows its tooltip, and no page logs an error or fails a request.
/// </summary>
public sealed class DashboardBrowserTests(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    private static readonly Lazy<ReportInputs> Inputs = new(() => ReportData.Create(ShippedHistory.Load(), ModelCatalog.Shipped, null, DateTimeOffset.UtcNow));

    private static string F1(double x) => x.ToString("#,0.0", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_race_page_shows_the_engines_gap_and_a_hovered_point_names_both_models()
    {
        var report = ReportBuilder.Build(Inputs.Value with { Claims = [] }, new ReportOptions("text"));
        var problems = new List<string>();
        var page = await browser.OpenAsync(problems);
        await page.GotoAsync(browser.BaseUrl + "/");
        var gap = page.Locator("#standing-us-china .big");
        await gap.WaitForAsync();
        double.Parse((await gap.GetAttributeAsync("data-gap"))!, CultureInfo.InvariantCulture).ShouldBe(report.Standing.UsChina!.Gap, 1e-9);
        (await gap.InnerTextAsync()).ShouldStartWith((report.Standing.UsChina.Gap > 0 ? "+" : "−") + F1(Math.Abs(report.Standing.UsChina.Gap)));
        (await page.Locator("#standing-us-china").InnerTextAsync()).ShouldContain(report.Standing.UsChina.First.Name);
        (await page.Locator("#freshness").InnerTextAsync()).ShouldContain($"snapshot {report.AsOf:yyyy-MM-dd}");
        (await page.Locator("#trend-us-china").InnerTextAsync()).ShouldContain(report.Gap.UsChina.Trend!.SlopePerMonth.ToString("0.00", CultureInfo.InvariantCulture).TrimStart('-'));

        // One point per snapshot of the series, holes drawn; hovering the last point names both models and the source.
        var points = page.Locator("#chart-us-china circle.point");
        (await points.CountAsync()).ShouldBe(report.Gap.UsChina.Points.Count);
        (await page.Locator("#chart-us-china rect.hole").CountAsync()).ShouldBe(report.Gap.UsChina.Holes.Count);
        var last = report.Gap.UsChina.Points[^1];
        await points.Last.HoverAsync();
        var tip = page.Locator("#chart-us-china .tooltip");
        await tip.WaitForAsync();
        var text = await tip.InnerTextAsync();
        text.ShouldContain(last.FirstModel);
        text.ShouldContain(last.SecondModel);
        text.ShouldContain(F1(last.FirstScore));
        text.ShouldContain(last.Source);

        // The board control reloads the data and keeps the choice in the address.
        await page.SelectOptionAsync("#board", "text-style-control");
        await page.WaitForURLAsync("**/?board=text-style-control");
        var style = ReportBuilder.Build(Inputs.Value with { Claims = [] }, new ReportOptions("text-style-control"));
        await page.Locator($"#standing-us-china .big[data-gap='{style.Standing.UsChina!.Gap.ToString(CultureInfo.InvariantCulture)}']").WaitForAsync();
        await browser.ScreenshotAsync(page, "race");
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_leaderboard_filters_sorts_and_keeps_both_in_its_address()
    {
        var newest = ReportBuilder.ClaimSeries(Inputs.Value)["text"][^1];
        var rows = LeaderboardBuilder.Rows(newest, Inputs.Value.Lookup);
        var problems = new List<string>();
        var page = await browser.OpenAsync(problems);
        await page.GotoAsync(browser.BaseUrl + "/leaderboard");
        var body = page.Locator("#board-table tbody tr");
        await body.First.WaitForAsync();
        (await body.CountAsync()).ShouldBe(newest.Models.Count);
        (await body.First.GetAttributeAsync("data-key")).ShouldBe(newest.Models.MaxBy(m => m.Rating)!.Key);
        (await page.Locator("#count").InnerTextAsync()).ShouldBe($"{rows.Count} of {rows.Count} models");

        // Filter: Chinese open-weight models only.
        await page.SelectOptionAsync("#f-origin", "CN");
        await page.WaitForURLAsync("**origin=CN**");
        await page.SelectOptionAsync("#f-open", "true");
        await page.WaitForURLAsync("**open=true**");
        var expected = rows.Where(r => r.Country == "CN" && r.OpenWeights == true).ToList();
        await page.Locator("#count").Filter(new LocatorFilterOptions { HasText = $"{expected.Count} of {rows.Count} models" }).WaitForAsync();
        (await page.Locator("#board-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.key)")).ShouldBe(expected.Select(r => r.Key).ToArray());

        // Sort by blended price (cheapest first), then read the prices in the order shown.
        await page.ClickAsync("button[data-sort=blendedPrice]");
        await page.WaitForURLAsync("**sort=blendedPrice**");
        await page.Locator("th[aria-sort=ascending] button[data-sort=blendedPrice]").WaitForAsync();
        var keys = await page.Locator("#board-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.key)");
        var byPrice = expected.Where(r => r.BlendedPrice is not null).OrderBy(r => r.BlendedPrice).ThenBy(r => r.Rank).Select(r => r.Key)
            .Concat(expected.Where(r => r.BlendedPrice is null).Select(r => r.Key)).ToArray();
        keys.ShouldBe(byPrice);

        // The address is shareable: opening it again shows the same rows; the CSV link carries the same filters.
        var url = page.Url;
        var again = await browser.OpenAsync(problems);
        await again.GotoAsync(url);
        await again.Locator("#board-table tbody tr").First.WaitForAsync();
        (await again.Locator("#board-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.key)")).ShouldBe(byPrice);
        (await again.InputValueAsync("#f-origin")).ShouldBe("CN");
        (await again.Locator("#csv").GetAttributeAsync("href"))!.ShouldContain("origin=CN");

        // Keyboard: the rows take focus and the arrows move between them.
        await again.Locator("#board-table tbody tr").First.FocusAsync();
        await again.Keyboard.PressAsync("ArrowDown");
        (await again.EvaluateAsync<string>("() => document.activeElement.dataset.key")).ShouldBe(byPrice[1]);
        await browser.ScreenshotAsync(page, "leaderboard");
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_claims_tracker_shows_the_checkers_verdicts_and_checks_an_upload_in_place()
    {
        var inputs = Inputs.Value;
        var report = ClaimChecker.Report(new ClaimSet(inputs.ClaimsFile, inputs.Claims, inputs.Trackers ?? []), inputs.ClaimsFile, ReportBuilder.ClaimDataOf(inputs), []);
        var results = report.Claims;
        var problems = new List<string>();
        var page = await browser.OpenAsync(problems);
        await page.GotoAsync(browser.BaseUrl + "/claims");
        await page.Locator("article.claim").First.WaitForAsync();
        (await page.Locator("article.claim").CountAsync()).ShouldBe(results.Count);
        foreach (var r in results)
        {
            var card = page.Locator($"[id='claim-{r.Id}']");
            (await card.GetAttributeAsync("data-verdict")).ShouldBe(JsonSerializer.Serialize(r.Verdict).Trim('"'));
            (await card.Locator("h3").InnerTextAsync()).ShouldBe(r.Sentence);
            if (r.Confidence is { } c)
            {
                (await card.Locator(".confidence").InnerTextAsync()).ShouldBe($"confidence {Math.Round(100 * c).ToString(CultureInfo.InvariantCulture)} %");
            }
        }

        (await page.Locator("article.tracker").CountAsync()).ShouldBe(report.Trackers.Count);
        foreach (var t in report.Trackers)
        {
            (await page.Locator($"[id='tracker-{t.Id}']").GetAttributeAsync("data-verdict")).ShouldBe(JsonSerializer.Serialize(t.Verdict).Trim('"'));
        }

        await browser.ScreenshotAsync(page, "claims");

        // An uploaded file with an error: the error inline, the cards of the dashboard's file still there.
        var bad = Path.Combine(Path.GetTempPath(), "bad-claims-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(bad, "claims:\n  - id: x\n    sentence: s\n    type: no-such-type\n");
        problems.Clear();
        await page.SetInputFilesAsync("#claims-upload", bad);
        var error = page.Locator("#check-status .error");
        await error.WaitForAsync();
        (await error.InnerTextAsync()).ShouldContain("no-such-type");
        (await error.InnerTextAsync()).ShouldContain(Path.GetFileName(bad));
        (await page.Locator("article.claim").CountAsync()).ShouldBe(results.Count);
        // The 400 (and Chromium's console line about it) is the only problem.
        problems.ShouldContain($"HTTP 400: {browser.BaseUrl}/api/claims/check?name={Path.GetFileName(bad)}");
        problems.ShouldAllBe(p => p.Contains("400"));

        // A good upload replaces the cards with its own verdicts.
        var good = Path.Combine(Path.GetTempPath(), "one-claim-" + Guid.NewGuid().ToString("N") + ".yaml");
        var shipped = await File.ReadAllTextAsync(ShippedData.PathOf("claims/claims.yaml"));
        await File.WriteAllTextAsync(good, shipped);
        problems.Clear();
        await page.SetInputFilesAsync("#claims-upload", good);
        await page.Locator("#freshness").Filter(new LocatorFilterOptions { HasText = Path.GetFileName(good) }).WaitForAsync();
        (await page.Locator("article.claim").CountAsync()).ShouldBe(results.Count);
        File.Delete(bad);
        File.Delete(good);
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_other_page_loads_without_errors_and_a_bad_address_names_its_parameter()
    {
        var problems = new List<string>();
        var page = await browser.OpenAsync(problems, width: 390); // a phone
        var value = ReportBuilder.Build(Inputs.Value with { Claims = [] }, new ReportOptions("text", Within: 20)).Value;
        await page.GotoAsync(browser.BaseUrl + "/value");
        await page.Locator("#value-chart circle.point").First.WaitForAsync();
        (await page.Locator("#value-chart circle.point").CountAsync()).ShouldBe(value.Priced.Count);
        (await page.Locator("#cheapest").InnerTextAsync()).ShouldContain(value.CheapestWithin!.Name);
        await browser.ScreenshotAsync(page, "value");

        await page.GotoAsync(browser.BaseUrl + "/model/deepseek-chat");
        await page.Locator("#facts").WaitForAsync();
        (await page.Locator("#title").InnerTextAsync()).ShouldBe(ModelCatalog.Shipped.Get("deepseek-chat").Name);
        (await page.Locator("#prices tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        await page.Locator("figure.chart circle.point").First.WaitForAsync();
        await browser.ScreenshotAsync(page, "model");

        await page.GotoAsync(browser.BaseUrl + "/evals");
        await page.Locator("#evals-empty").WaitForAsync();
        await page.GotoAsync(browser.BaseUrl + "/usage");
        await page.Locator("#usage-empty").WaitForAsync();
        problems.ShouldBeEmpty();

        // The page is as wide as the phone: nothing but the tables scrolls sideways.
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);

        var response = await page.GotoAsync(browser.BaseUrl + "/leaderboard?sort=price");
        response!.Status.ShouldBe(400);
        (await page.Locator(".error").InnerTextAsync()).ShouldContain("sort");
        (await page.ContentAsync()).ShouldNotContain("   at ");
    }
}
