using Microsoft.Playwright;
using Parity.Server.Dashboard;

namespace Parity.Server.Tests.Dashboard;

/// <summary>
/// One dashboard (on the shipped data, port 0) and one headless Chromium (Debian's /usr/bin/chromium driven by
/// Playwright; nothing downloaded) for a whole test class. Each page a test opens records console errors, failed
/// requests and answers of 400 or more, and refuses every address that is not the dashboard's.
/// </summary>
public sealed class DashboardBrowser : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    internal DashboardHost Host { get; private set; } = null!;

    public string BaseUrl => Host.Addresses[0];

    /// <summary>Where the screenshots go: the test output folder.</summary>
    public string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public string StorePath { get; } = Path.Combine(Path.GetTempPath(), "parity-dash-" + Guid.NewGuid().ToString("N"), "parity.db");

    public Task InitializeAsync() => StartAsync(new DashboardOptions(StorePath, CheckInterval: TimeSpan.FromMilliseconds(200)));

    /// <summary>Starts the dashboard on <paramref name="options"/> (a test that needs a gateway's ledger) and Chromium.</summary>
    public async Task StartAsync(DashboardOptions options)
    {
        File.Exists(Chromium).ShouldBeTrue($"{Chromium} is required (apt-get install chromium; .ci/run installs it)");
        Directory.CreateDirectory(Path.GetDirectoryName(StorePath)!);
        Directory.CreateDirectory(ScreenshotDir);
        Host = await DashboardHost.StartAsync(options, "http://127.0.0.1:0");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new page at <paramref name="width"/> pixels with its problems recorded in <paramref name="problems"/>.</summary>
    public async Task<IPage> OpenAsync(List<string> problems, int width = 1200)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 1000 } });
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                problems.Add("console: " + m.Text);
            }
        };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.RequestFailed += (_, r) => problems.Add($"failed request: {r.Url} {r.Failure}");
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                problems.Add($"HTTP {r.Status}: {r.Url}");
            }
        };
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(BaseUrl, StringComparison.Ordinal) || route.Request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                problems.Add("external request: " + route.Request.Url);
                await route.AbortAsync();
            }
        });
        return page;
    }

    public async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDir, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        new FileInfo(path).Length.ShouldBeGreaterThan(10_000);
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(StorePath)!, true);
    }
}
