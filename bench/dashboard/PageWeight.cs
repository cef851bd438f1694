using Microsoft.Playwright;

namespace Parity.Bench.Dashboard;

/// <summary>
/// What a first visit to a page costs on the wire: Chromium (Debian's /usr/bin/chromium, a fresh context, so no cache)
/// loads the page and everything it asks for — HTML, styles, scripts, the /api/ data — and the bytes of every response
/// (headers and body as transferred) are summed.
/// </summary>
internal static class PageWeight
{
    public static async Task<IReadOnlyList<(string Page, int Requests, long Bytes)>> MeasureAsync(string baseUrl, IReadOnlyList<(string Page, string Ready)> pages)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var results = new List<(string, int, long)>();
        foreach (var (path, ready) in pages)
        {
            await using var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            var finished = new List<IRequest>();
            page.RequestFinished += (_, r) =>
            {
                lock (finished)
                {
                    finished.Add(r);
                }
            };
            await page.GotoAsync(baseUrl + path);
            await page.Locator(ready).First.WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            long bytes = 0;
            List<IRequest> done;
            lock (finished)
            {
                done = [.. finished];
            }

            foreach (var r in done)
            {
                var sizes = await r.SizesAsync();
                bytes += sizes.ResponseHeadersSize + sizes.ResponseBodySize;
            }

            results.Add((path, done.Count, bytes));
        }

        return results;
    }
}
