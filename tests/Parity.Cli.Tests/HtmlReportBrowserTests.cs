using Microsoft.Playwright;

namespace Parity.Cli.Tests;

/// <summary>
/// Opens the HTML report in headless Chromium (Debian's /usr/bin/chromium driven by Playwright; nothing is
/// downloaded) with the network blocked, and checks that the inline SVG charts are laid out and drawn.
/// </summary>
public sealed class HtmlReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_html_report_opens_offline_with_its_charts_rendered()
    {
        File.Exists(Chromium).ShouldBeTrue($"{Chromium} is required (apt-get install chromium; .ci/run installs it)");
        var dir = Path.Combine(Path.GetTempPath(), "parity-html-" + Guid.NewGuid().ToString("N"));
        var (exit, _, error) = await CliRunner.RunAsync("report", "--out", dir);
        exit.ShouldBe(0, error);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 1400 } });
        var external = new List<string>();
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                external.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });

        await page.GotoAsync(new Uri(Path.Combine(dir, "report.html")).AbsoluteUri);
        (await page.TitleAsync()).ShouldContain("Parity head-to-head report");
        var charts = page.Locator("figure.chart svg");
        (await charts.CountAsync()).ShouldBe(3);
        for (var i = 0; i < 3; i++)
        {
            var box = await charts.Nth(i).BoundingBoxAsync();
            box.ShouldNotBeNull();
            box.Width.ShouldBeGreaterThan(600);
            box.Height.ShouldBeGreaterThan(300);
        }

        // The gap chart draws its series and bands; the scatter charts draw their points and frontier.
        (await page.Locator("figure.chart svg").Nth(0).Locator("polyline.series").CountAsync()).ShouldBeGreaterThan(1);
        (await page.Locator("figure.chart svg").Nth(0).Locator("polygon.band").CountAsync()).ShouldBeGreaterThan(0);
        (await page.Locator("figure.chart svg").Nth(1).Locator("circle.point").CountAsync()).ShouldBeGreaterThan(10);
        (await page.Locator("figure.chart svg").Nth(1).Locator("polyline.frontier").CountAsync()).ShouldBe(1);
        var seriesLength = await page.EvaluateAsync<double>("() => document.querySelector('figure.chart svg polyline.series').getTotalLength()");
        seriesLength.ShouldBeGreaterThan(100);
        (await page.Locator("h2").AllInnerTextsAsync()).ShouldContain("5. Claims from the coverage, checked");
        (await page.Locator("strong.confirmed").CountAsync()).ShouldBeGreaterThan(0);
        external.ShouldBeEmpty();

        var screenshot = Path.Combine(dir, "report.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        new FileInfo(screenshot).Length.ShouldBeGreaterThan(50_000);
        await browser.CloseAsync();
        Directory.Delete(dir, true);
    }
}
