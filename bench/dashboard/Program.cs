using System.Globalization;
using System.Net;
using Parity.Bench.Dashboard;

// The dashboard's /api/ endpoints on the shipped data, measured against the real `parity serve` in a child process:
// the first answer of each endpoint (computed), then the median and p99 latency at 1 and 32 concurrent clients (answers
// cached per store version), next to /api/version (a 60-byte answer: the HTTP stack's floor, measured in the same run);
// then the bytes over the wire of a first visit to each page in Chromium. Each run starts a fresh server.
// Usage: Parity.Bench.Dashboard [runs=5] [requests per client at 1 client=300] [requests per client at 32 clients=40]
// Parity.Bench.Dashboard screenshots DIR writes the README's pictures of the race page and the leaderboard instead.
var inv = CultureInfo.InvariantCulture;
var numbers = args is ["screenshots", ..] ? [] : args;
var runs = numbers.Length > 0 ? int.Parse(numbers[0], inv) : 5;
var single = numbers.Length > 1 ? int.Parse(numbers[1], inv) : 300;
var perClient = numbers.Length > 2 ? int.Parse(numbers[2], inv) : 40;
string[] endpoints =
[
    "/api/version",
    "/api/leaderboard",
    "/api/leaderboard?origin=CN&open=true&sort=blendedPrice",
    "/api/race",
    "/api/race?board=text-style-control",
    "/api/value",
    "/api/claims",
    "/api/model/deepseek-chat",
];
(string, string)[] pages =
[
    ("/", "#chart-us-china circle.point"),
    ("/leaderboard", "#board-table tbody tr"),
    ("/model/deepseek-chat", "#facts"),
    ("/value", "#value-chart circle.point"),
    ("/claims", "article.claim"),
    ("/evals", "#evals-empty"),
    ("/usage", "#usage-empty"),
];

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    Timeout = TimeSpan.FromSeconds(60),
    DefaultRequestVersion = HttpVersion.Version11,
};
if (args.Length == 2 && args[0] == "screenshots")
{
    var (shots, _) = await ChildServe.StartAsync(http);
    using (shots)
    {
        await Screenshots.WriteAsync(shots.BaseUrl, args[1]);
    }

    return 0;
}

var first = endpoints.ToDictionary(e => e, _ => new List<double>());
var stats = endpoints.SelectMany(e => new[] { (e, 1), (e, 32) }).ToDictionary(k => k, _ => new List<(double P50, double P99)>());
var bytes = endpoints.ToDictionary(e => e, _ => 0L);
var computed = new Dictionary<string, List<(double P50, double P99, int N)>> { ["/api/leaderboard?snapshot=D"] = [], ["/api/race?asOf=D"] = [] };
var startups = new List<double>();
var loads = new List<string>();
IReadOnlyList<(string Page, int Requests, long Bytes)> weights = [];
for (var run = 1; run <= runs; run++)
{
    loads.Add(File.ReadAllText("/proc/loadavg").Split(' ')[0]);
    var (serve, startup) = await ChildServe.StartAsync(http);
    using (serve)
    {
        startups.Add(startup.TotalSeconds);
        foreach (var e in endpoints)
        {
            first[e].Add(await Latency.FirstAsync(http, serve.BaseUrl + e));
            bytes[e] = (await http.GetByteArrayAsync(serve.BaseUrl + e)).Length;
        }

        foreach (var e in endpoints)
        {
            await Latency.MeasureAsync(http, serve.BaseUrl + e, 4, 10); // warm the connections and the JIT
            var one = await Latency.MeasureAsync(http, serve.BaseUrl + e, 1, single);
            stats[(e, 1)].Add((Latency.Percentile(one, 0.5), Latency.Percentile(one, 0.99)));
            var many = await Latency.MeasureAsync(http, serve.BaseUrl + e, 32, perClient);
            stats[(e, 32)].Add((Latency.Percentile(many, 0.5), Latency.Percentile(many, 0.99)));
        }

        // Distinct answers, each computed (nothing cached yet for them): every snapshot date of the text board, the race as of each.
        var dates = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(serve.BaseUrl + "/api/race")).RootElement.GetProperty("dates")
            .EnumerateArray().Select(d => d.GetString()!).Reverse().ToList();
        foreach (var (name, template, take) in new[] { ("/api/leaderboard?snapshot=D", "/api/leaderboard?snapshot=", 60), ("/api/race?asOf=D", "/api/race?asOf=", 30) })
        {
            var times = new List<double>();
            foreach (var d in dates.Take(take))
            {
                times.Add(await Latency.FirstAsync(http, serve.BaseUrl + template + d));
            }

            var sorted = times.Order().ToArray();
            computed[name].Add((Latency.Percentile(sorted, 0.5), Latency.Percentile(sorted, 0.99), sorted.Length));
        }

        if (run == 1)
        {
            weights = await PageWeight.MeasureAsync(serve.BaseUrl, pages);
        }
    }

    Console.Error.WriteLine($"run {run}/{runs} done (load average at start {loads[^1]}, server up in {startup.TotalSeconds:0.0} s)");
}

loads.Add(File.ReadAllText("/proc/loadavg").Split(' ')[0]);
static string Ms(double x) => x.ToString(x < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
Console.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {runs} runs, load average (1 min) at each run's start and the end: {string.Join(", ", loads)}");
Console.WriteLine($"server start (shipped data loaded, first /api/version answered), median of runs: {Latency.Median(startups).ToString("0.0", inv)} s");
Console.WriteLine();
Console.WriteLine("| endpoint | bytes | first answer ms | p50 ms, 1 client | p99 ms, 1 client | p50 ms, 32 clients | p99 ms, 32 clients |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var e in endpoints)
{
    var a = stats[(e, 1)];
    var b = stats[(e, 32)];
    Console.WriteLine($"| `{e}` | {bytes[e].ToString("N0", inv)} | {Ms(Latency.Median(first[e]))} | {Ms(Latency.Median(a.Select(x => x.P50)))} | {Ms(Latency.Median(a.Select(x => x.P99)))} | {Ms(Latency.Median(b.Select(x => x.P50)))} | {Ms(Latency.Median(b.Select(x => x.P99)))} |");
}

foreach (var (name, list) in computed)
{
    Console.WriteLine($"| `{name}`, each answer computed (distinct dates, 1 client, {list[0].N} per run) | | | {Ms(Latency.Median(list.Select(x => x.P50)))} | {Ms(Latency.Median(list.Select(x => x.P99)))} | | |");
}

Console.WriteLine();
Console.WriteLine($"(medians over the runs of each run's p50 and p99; {single} requests per endpoint at 1 client, 32 × {perClient} at 32 clients)");
Console.WriteLine();
Console.WriteLine("| page (first visit, empty cache) | requests | bytes over the wire |");
Console.WriteLine("|---|---|---|");
foreach (var (page, requests, size) in weights)
{
    Console.WriteLine($"| `{page}` | {requests} | {size.ToString("N0", inv)} |");
}

return 0;
