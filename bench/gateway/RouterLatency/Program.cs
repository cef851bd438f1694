using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Parity.Gateway;
using Parity.Routing;
using Parity.Server.Gateway;
using RouterLatency;

// usage: dotnet run -c Release --project bench/gateway/RouterLatency [runs=7] [shared data folder]
// Also times the gateway's prompt token count for budgets (ChatRequest.PromptTokens, o200k and cl100k) against parsing alone.
// The CPU time a learned route adds to a request: the last user message taken from the request body, its
// hashed TF-IDF features, and the router's score (logreg and mf), on real prompts of three lengths, against
// the cheapest policy's pick of its models in the same runs. Routers are trained here on RouteLLM's GSM8K
// outcomes (GPT-4-1106 vs Mixtral-8x7B), as 'parity route train' does. One thread; each run times every
// prompt of a set once per pass for several passes; the figure is the median over runs of the mean per request,
// in CPU time of the benchmark's thread (CLOCK_THREAD_CPUTIME_ID, so time the thread spends waiting for a core on
// a shared machine is left out) and, beside it, in wall-clock time.
var culture = CultureInfo.InvariantCulture;
var runs = args.Length > 0 ? int.Parse(args[0], culture) : 7;
var shared = args.Length > 1 ? args[1] : FindShared();
var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
Console.WriteLine($"# {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {string.Join(" ", load)} at start, .NET {Environment.Version}");

var gsm8k = OutcomeLoader.Load(Path.Combine(shared, "outputs/routellm/gsm8k_responses.csv.gz"));
var mmlu = OutcomeLoader.Load(Path.Combine(shared, "outputs/routellm/mmlu_correctness.csv.gz"));
var s = gsm8k.IndexOf("gpt-4-1106-preview", "--strong");
var w = gsm8k.IndexOf("mixtral", "--weak");
var routers = new List<(string Name, LearnedRouter Router)>();
foreach (var kind in new[] { RouterKind.LogReg, RouterKind.Mf })
{
    var items = kind == RouterKind.Mf ? gsm8k.Items : gsm8k.Paired(s, w);
    var started = Stopwatch.GetTimestamp();
    var router = RouterTrainer.Train(gsm8k.Models, items, gsm8k.Models[s], gsm8k.Models[w], new RouterTrainingOptions { Kind = kind });
    Console.WriteLine($"# trained {kind.ToString().ToLowerInvariant()} (rank {router.Rank}, {router.Features.Buckets} buckets) on {items.Count} GSM8K items in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
    routers.Add((kind.ToString().ToLowerInvariant(), router));
}

// Real prompts by length in words: GSM8K questions and MMLU questions with their choices (some MMLU items carry long passages).
static int Words(string text) => text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
var all = gsm8k.Items.Select(i => i.Prompt).Concat(mmlu.Items.Select(i => i.Prompt)).Distinct().ToList();
var sets = new (string Name, int Min, int Max)[] { ("short (10-60 words)", 10, 60), ("medium (60-250 words)", 60, 250), ("long (250-1000 words)", 250, 1000) }
    .Select(b =>
    {
        var prompts = all.Where(p => Words(p) >= b.Min && Words(p) < b.Max).OrderBy(p => p.GetHashCode(StringComparison.Ordinal)).Take(400).ToList();
        var bodies = prompts.Select(p => Encoding.UTF8.GetBytes(new JsonObject
        {
            ["model"] = "smart",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "You are a helpful assistant." },
                new JsonObject { ["role"] = "user", ["content"] = p }),
        }.ToJsonString())).ToList();
        return (b.Name, Prompts: prompts, Bodies: bodies, MedianWords: prompts.Select(Words).Order().ElementAt(prompts.Count / 2));
    }).ToList();

// The baseline: a cheapest route's pick over three priced models, as the handler asks for it.
var provider = new GatewayProvider("p", new Uri("http://127.0.0.1:9/v1"), null, TimeSpan.FromSeconds(5));
GatewayModel Model(string name, decimal input, decimal output) => new() { Name = name, Provider = provider, UpstreamModel = name, Price = new ModelPrice(input, output, null, "bench") };
var cheapest = new GatewayRoute("cheap", RoutePolicy.Cheapest, [Model("a", 0.05m, 0.1m), Model("b", 0.28m, 0.42m), Model("c", 1.25m, 10m)], [], fallback: true);

var results = new List<(string Set, string What, List<double> Runs, List<double> Wall)>();
foreach (var set in sets)
{
    var requests = set.Bodies.Select(b => ChatRequest.Parse(b)).ToList();
    var cases = new List<(string What, Func<int, double> Once)>
    {
        ("cheapest: pick", i => cheapest.Plan(0.5).Count),
        ("read the last user message from the parsed body", i => requests[i].RouterPrompt().Length),

        // The budget's prompt token count (not a routing cost; measured here on the same real prompts): the
        // body parsed afresh alone, then parsed and counted with each tokenizer (a count is cached per request).
        ("tokens: parse the body only (baseline)", i =>
        {
            using var r = ChatRequest.Parse(set.Bodies[i]);
            return r.MessageCount;
        }),
        // Every text new (the count cache off): what a prompt the gateway has not seen costs.
        ("tokens: parse + o200k prompt count, texts not seen before", i =>
        {
            PromptTokenizer.CacheEnabled = false;
            using var r = ChatRequest.Parse(set.Bodies[i]);
            var tokens = r.PromptTokens(TokenEncoding.O200k);
            PromptTokenizer.CacheEnabled = true;
            return tokens;
        }),
        ("tokens: parse + cl100k prompt count, texts not seen before", i =>
        {
            PromptTokenizer.CacheEnabled = false;
            using var r = ChatRequest.Parse(set.Bodies[i]);
            var tokens = r.PromptTokens(TokenEncoding.Cl100k);
            PromptTokenizer.CacheEnabled = true;
            return tokens;
        }),

        // The same bodies again with the cache on (after the warm-up every message has been seen): what a
        // resent system prompt, tool list or earlier turn costs.
        ("tokens: parse + o200k prompt count, texts seen before (cache hit)", i =>
        {
            using var r = ChatRequest.Parse(set.Bodies[i]);
            return r.PromptTokens(TokenEncoding.O200k);
        }),
    };
    foreach (var (name, router) in routers)
    {
        cases.Add(($"{name}: features only", i => router.Features.Transform(set.Prompts[i]).Indices.Length));
        cases.Add(($"{name}: message + features + score (the added latency)", i => router.StrongWinProbability(requests[i].RouterPrompt())));
    }

    foreach (var (what, once) in cases)
    {
        var perRun = new List<double>();
        var wall = new List<double>();
        double sink = 0;
        // Warm-up, not measured: half a second of calls, so the JIT's tiers and PGO have settled.
        var warm = Stopwatch.GetTimestamp();
        for (var i = 0; Stopwatch.GetElapsedTime(warm).TotalMilliseconds < 500; i = (i + 1) % set.Prompts.Count)
        {
            sink += once(i);
        }

        for (var run = 0; run < runs + 1; run++) // the first run is dropped too
        {
            var passes = 5;
            var started = Stopwatch.GetTimestamp();
            var cpuStarted = ThreadCpu.Nanoseconds();
            for (var pass = 0; pass < passes; pass++)
            {
                for (var i = 0; i < set.Prompts.Count; i++)
                {
                    sink += once(i);
                }
            }

            var cpu = (ThreadCpu.Nanoseconds() - cpuStarted) / 1000.0 / (passes * set.Prompts.Count);
            var micros = Stopwatch.GetElapsedTime(started).TotalMicroseconds / (passes * set.Prompts.Count);
            if (run > 0)
            {
                perRun.Add(cpu);
                wall.Add(micros);
            }
        }

        results.Add((set.Name, what, perRun, wall));
        GC.KeepAlive(sink);
    }

    requests.ForEach(r => r.Dispose());
}

Console.WriteLine($"# load average {string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ')[..3])} at end; {runs} runs after 0.5 s of warm-up calls and one dropped run, each 5 passes over up to 400 prompts per set");
Console.WriteLine();
Console.WriteLine("| prompts | median words | what | median CPU µs per request | runs (CPU µs) | median wall µs |");
Console.WriteLine("|---|---:|---|---:|---|---:|");
foreach (var (setName, what, perRun, wall) in results)
{
    var set = sets.Single(x => x.Name == setName);
    Console.WriteLine($"| {setName}, {set.Prompts.Count} | {set.MedianWords} | {what} | {Format(Median(perRun))} | {string.Join(", ", perRun.Select(Format))} | {Format(Median(wall))} |");
}

static double Median(List<double> xs)
{
    var sorted = xs.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Format(double micros) => micros < 1 ? micros.ToString("0.000", CultureInfo.InvariantCulture) : micros.ToString("0.0", CultureInfo.InvariantCulture);

static string FindShared()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "shared", "data");
        if (Directory.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new DirectoryNotFoundException("shared/data not found; pass its path as the second argument.");
}
