using Microsoft.Playwright;

namespace Parity.Bench.Dashboard;

/// <summary>The README's pictures: the race page and the leaderboard in Chromium 1100 CSS pixels wide (the race tall enough for its first chart), once the data are drawn.</summary>
internal static class Screenshots
{
    public static async Task WriteAsync(string baseUrl, string folder)
    {
        Directory.CreateDirectory(folder);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        foreach (var (path, ready, name, height) in new[] { ("/", "#chart-us-china circle.point", "race", 1250), ("/leaderboard", "#board-table tbody tr", "leaderboard", 820) })
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = height }, DeviceScaleFactor = 1 });
            await page.GotoAsync(baseUrl + path);
            await page.Locator(ready).First.WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var file = Path.Combine(folder, $"dashboard-{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
            Console.WriteLine($"{file}: {new FileInfo(file).Length:N0} bytes");
        }
    }
}
