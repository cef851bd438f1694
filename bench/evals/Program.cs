using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Parity.Bench.Evals;
using Parity.Evals;
using Parity.Providers;
using Parity.Storage;

// Harness throughput: `parity eval run` machinery (HTTP client, scoring, batched SQLite writes) against
// an upstream that answers at once, next to a bare HttpClient loop to the same upstream (the ceiling),
// both measured in the same run. Usage: Parity.Bench.Evals [runs=5] [concurrency=64] [models=8]
if (args.Length >= 2 && args[0] == "upstream")
{
    await InstantUpstream.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
    return 0;
}

if (args.Length >= 1 && args[0] == "store")
{
    var suite0 = SuiteLoader.Load("gsm8k");
    var db0 = Path.Combine(Path.GetTempPath(), $"parity-bench-{Guid.NewGuid():N}.db");
    using (var store0 = ParityStore.OpenSqlite(db0))
    {
        var evals0 = new EvalStore(store0);
        var run0 = evals0.OpenRun("s", "gsm8k", "x", "{}");
        var rows = Enumerable.Range(0, 10552).Select(i => new EvalResultRecord
        {
            Model = "vllm:bench-" + (i % 8), ItemId = (i / 8).ToString(CultureInfo.InvariantCulture), Status = "ok",
            Request = System.Text.Json.JsonSerializer.Serialize(new[] { new { role = "user", content = suite0.Items[i / 8].Prompt } }),
            Reference = "18", Completion = "```json\n{\"reasoning\": \"16 - 3 - 4 = 9 eggs, 9 * 2 = 18\", \"answer\": \"18\"}\n```",
            PromptTokens = 180, CompletionTokens = 40, CachedTokens = 0, LatencyMs = 1.5, Attempts = 1, CostUsd = 0.0001, Score = 1, Extracted = "18",
            CalledAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        }).ToList();
        var sw = Stopwatch.StartNew();
        var written = new HashSet<string>();
        foreach (var chunk in rows.Chunk(1000))
        {
            evals0.Write(run0.Id, chunk, written);
        }

        Console.WriteLine($"store only: {rows.Count / sw.Elapsed.TotalSeconds:N0} rows/s");
    }

    foreach (var f in new[] { db0, db0 + "-wal", db0 + "-shm" })
    {
        File.Delete(f);
    }

    return 0;
}

if (args.Length >= 1 && args[0] == "score")
{
    var suiteS = SuiteLoader.Load("gsm8k");
    var rec = new ReplayRecordings(Parity.ShippedData.PathOf("evals/replay"));
    var outputs = suiteS.Items.Select(i => (i, rec.Find("gsm8k", "Qwen2-72B-Instruct", i.Id)!)).ToList();
    for (var r = 0; r < 5; r++)
    {
        var swS = Stopwatch.StartNew();
        var n = 0;
        for (var k = 0; k < 8; k++)
        {
            foreach (var (item, output) in outputs)
            {
                await suiteS.Scorer.ScoreAsync(item, output, CancellationToken.None);
                n++;
            }
        }

        Console.WriteLine($"score only: {n / swS.Elapsed.TotalSeconds:N0}/s");
    }

    return 0;
}

if (args.Length >= 1 && args[0] == "replay")
{
    var suiteR = SuiteLoader.Load("gsm8k");
    for (var r = 0; r < 4; r++)
    {
        var dbR = Path.Combine(Path.GetTempPath(), $"parity-bench-{Guid.NewGuid():N}.db");
        using (var registryR = new ProviderRegistry(environment: _ => null))
        using (var storeR = ParityStore.OpenSqlite(dbR))
        {
            var runnerR = new EvalRunner(new EvalStore(storeR), registryR);
            var models = new[] { "Qwen2-72B-Instruct", "gpt-4o-2024-05-13", "gpt-4o-mini-2024-07-18", "deepseek-chat", "deepseek-v2.5-0908", "Meta-Llama-3.1-70B-Instruct" };
            var planR = runnerR.Plan(new EvalRunOptions { RunName = "r", Suite = suiteR, Items = suiteR.Items, Models = models.Select(m => "replay:" + m).ToList(), Concurrency = 64 });
            var swR = Stopwatch.StartNew();
            await runnerR.ExecuteAsync(planR, CancellationToken.None);
            Console.WriteLine($"replay (no HTTP): {planR.Remaining / swR.Elapsed.TotalSeconds:N0} items/s");
        }

        foreach (var f in new[] { dbR, dbR + "-wal", dbR + "-shm" })
        {
            File.Delete(f);
        }
    }

    return 0;
}

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
var modelCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;

var port = FreePort();
var upstreamStart = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
{
    upstreamStart.ArgumentList.Add(typeof(InstantUpstream).Assembly.Location); // started as "dotnet X.dll"
}

upstreamStart.ArgumentList.Add("upstream");
upstreamStart.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
using var upstream = Process.Start(upstreamStart)!;

var baseUrl = $"http://127.0.0.1:{port}/v1/";
await WaitForAsync(baseUrl);
Console.WriteLine($"upstream: {baseUrl} (pid {upstream.Id}); concurrency {concurrency}; {runs} runs each; {Environment.ProcessorCount} cores");

try
{
    var suite = SuiteLoader.Load("gsm8k");
    var calls = suite.Items.Count * modelCount;
    var bare = new List<double>();
    var harness = new List<double>();
    for (var run = 0; run < runs + 1; run++)
    {
        var b = args.Length > 3 && args[3] == "harness-only" ? double.NaN : await BareHttpAsync(baseUrl, suite, calls, concurrency);
        var h = await HarnessAsync(baseUrl, suite, modelCount, concurrency);
        if (run == 0)
        {
            Console.WriteLine($"warm-up: bare {b:N0}/s, harness {h:N0}/s");
            continue;
        }

        bare.Add(b);
        harness.Add(h);
        Console.WriteLine($"run {run}: bare HttpClient {b:N0} req/s; parity harness {h:N0} items/s (persisted)");
    }

    Console.WriteLine();
    Console.WriteLine($"| what ({calls:N0} calls, concurrency {concurrency}) | median per second | runs |");
    Console.WriteLine("|---|---|---|");
    Console.WriteLine($"| bare HttpClient POST loop (baseline, nothing stored) | {Median(bare):N0} | {string.Join(", ", bare.Select(x => x.ToString("N0", CultureInfo.InvariantCulture)))} |");
    Console.WriteLine($"| parity eval harness: call, score, store in SQLite | {Median(harness):N0} | {string.Join(", ", harness.Select(x => x.ToString("N0", CultureInfo.InvariantCulture)))} |");
}
finally
{
    upstream.Kill();
}

return 0;

static async Task<double> BareHttpAsync(string baseUrl, EvalSuite suite, int calls, int concurrency)
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(baseUrl) };
    var bodies = suite.Items.Select(i => Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { model = "m", messages = new[] { new { role = "user", content = i.Prompt } } }))).ToArray();
    var clock = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, token) =>
    {
        using var content = new ByteArrayContent(bodies[i % bodies.Length]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("chat/completions", content, token);
        await response.Content.ReadAsByteArrayAsync(token);
    });
    return calls / clock.Elapsed.TotalSeconds;
}

static async Task<double> HarnessAsync(string baseUrl, EvalSuite suite, int modelCount, int concurrency)
{
    var db = Path.Combine(Path.GetTempPath(), $"parity-bench-{Guid.NewGuid():N}.db");
    try
    {
        // Real presets and catalog models, every provider pointed at the instant upstream, priced by the catalog.
        string? Environment(string name) => name.EndsWith("_BASE_URL", StringComparison.Ordinal) ? baseUrl : name.EndsWith("_API_KEY", StringComparison.Ordinal) ? "sk-bench" : null;
        using var registry = new ProviderRegistry(environment: Environment);
        using var store = ParityStore.OpenSqlite(db);
        var runner = new EvalRunner(new EvalStore(store), registry, Pricer.Value.AsPricer());
        var plan = runner.Plan(new EvalRunOptions
        {
            RunName = "bench",
            Suite = suite,
            Items = suite.Items,
            Models = BenchModels.Take(modelCount).ToList(),
            Concurrency = concurrency,
        });
        var clock = Stopwatch.StartNew();
        var summary = await runner.ExecuteAsync(plan, CancellationToken.None); // returns after the last batch is committed
        var elapsed = clock.Elapsed.TotalSeconds;
        var answered = summary.Progress.Sum(p => p.Done);
        if (answered != plan.Remaining || summary.Progress.Sum(p => p.Errors) > 0)
        {
            throw new InvalidOperationException($"bench run incomplete: {answered} of {plan.Remaining} answered");
        }

        if (summary.SpentUsd <= 0)
        {
            throw new InvalidOperationException("no call was priced: the catalog pricer is not in the measured path");
        }

        return answered / elapsed;
    }
    finally
    {
        foreach (var f in new[] { db, db + "-wal", db + "-shm" })
        {
            File.Delete(f);
        }
    }
}

static double Median(List<double> xs)
{
    var s = xs.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
}

static int FreePort()
{
    using var l = new TcpListener(IPAddress.Loopback, 0);
    l.Start();
    return ((IPEndPoint)l.LocalEndpoint).Port;
}

static async Task WaitForAsync(string baseUrl)
{
    using var http = new HttpClient();
    for (var i = 0; i < 200; i++)
    {
        try
        {
            using var r = await http.PostAsync(baseUrl + "chat/completions", new StringContent("{}"));
            return;
        }
        catch (HttpRequestException)
        {
            await Task.Delay(50);
        }
    }

    throw new InvalidOperationException("the upstream did not start");
}

internal static partial class Program
{
    internal static readonly Lazy<CatalogCallPricer> Pricer = new(() => new CatalogCallPricer(Parity.Catalog.ModelCatalog.LoadShipped()));

    internal static readonly string[] BenchModels =
    [
        "deepseek:deepseek-chat", "openai:gpt-4o-mini", "dashscope:qwen-plus", "openai:gpt-4o",
        "deepseek:deepseek-reasoner", "moonshot:kimi-k2", "openrouter:qwen/qwen3-235b-a22b", "gemini:gemini-2.5-flash",
    ];
}
