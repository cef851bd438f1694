using System.Globalization;
using Parity.Gateway;
using Parity.Routing;
using Parity.Server.Gateway;
using Parity.Storage;
using Parity.Testing;

namespace Parity.Server.Tests.Gateway;

/// <summary>
/// A gateway with <c>learned</c> routes in front of a fake provider. The router is trained here, on RouteLLM's
/// own GSM8K outcomes (GPT-4-1106 vs Mixtral-8x7B, contaminated prompts dropped); the easy and the hard prompt
/// are chosen by what it scores: the lowest-scored question both models answered, and the highest-scored one
/// only GPT-4 answered.
/// </summary>
public sealed class LearnedGateway : IAsyncLifetime
{
    private GatewayHost? host;

    public string Folder { get; } = Directory.CreateTempSubdirectory("parity-learned-").FullName;

    public FakeUpstream Upstream { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public GatewaySetup Setup { get; private set; } = null!;

    internal LearnedRouter Router { get; private set; } = null!;

    public string EasyPrompt { get; private set; } = "";

    public string HardPrompt { get; private set; } = "";

    public string RouterPath => Path.Combine(Folder, "routers", "gsm8k-logreg.json");

    public string LedgerPath => Path.Combine(Folder, "ledger.db");

    public const string Strong = "gpt-4-1106-preview";

    public const string Weak = "mixtral";

    public const double StrongShare = 0.3;

    public async Task InitializeAsync()
    {
        var data = OutcomeLoader.Load(SharedData.PathOf("outputs/routellm/gsm8k_responses.csv.gz"));
        var s = data.IndexOf("gpt-4-1106-preview", "--strong");
        var w = data.IndexOf("mixtral", "--weak");
        var items = data.Paired(s, w);
        var options = new RouterTrainingOptions { Kind = RouterKind.LogReg, Epochs = 10 };
        Router = RouterTrainer.Train(data.Models, items, data.Models[s], data.Models[w], options);
        var calibration = RouterCalibration.OutOfFold(data.Models, items, data.Models[s], data.Models[w], options, folds: 3);
        Directory.CreateDirectory(Path.GetDirectoryName(RouterPath)!);
        RouterFile.Save(RouterPath, Router, data, items.Count, options, DateTimeOffset.UtcNow, calibration);

        var scored = items.Select(i => (Item: i, Score: Router.StrongWinProbability(i.Prompt))).ToList();
        EasyPrompt = scored.Where(x => x.Item.Scores[s] == 1 && x.Item.Scores[w] == 1).MinBy(x => x.Score).Item.Prompt;
        HardPrompt = scored.Where(x => x.Item.Scores[s] == 1 && x.Item.Scores[w] == 0).MaxBy(x => x.Score).Item.Prompt;

        Upstream = await FakeUpstream.StartAsync();
        var configPath = Path.Combine(Folder, "gateway.yaml");
        await File.WriteAllTextAsync(configPath, $$"""
            ledger:
              sqlite: ledger.db
            keys:
              required: false
            providers:
              - { name: up, baseUrl: "{{Upstream.BaseUrl}}", apiKey: sk-test }
              - { name: down, baseUrl: "http://127.0.0.1:9/v1", apiKey: sk-test, timeoutSeconds: 2 }
            models:
              - { name: {{Strong}}, provider: up, upstreamModel: fast, vendor: OpenAI, origin: US, openWeights: false, prices: { input: 10, output: 30 } }
              - { name: {{Weak}}, provider: up, upstreamModel: fast, evalModel: "together:mistralai/Mixtral-8x7B-Instruct-v0.1", vendor: Mistral, origin: FR, openWeights: true, prices: { input: 0.6, output: 0.6 } }
              - { name: gpt4-down, provider: down, evalModel: "openai:gpt-4-1106-preview", origin: US, prices: { input: 10, output: 30 } }
            routes:
              - { name: smart, policy: learned, router: routers/gsm8k-logreg.json, strong: {{Strong}}, weak: {{Weak}}, strongShare: {{StrongShare.ToString(CultureInfo.InvariantCulture)}} }
              - { name: smart-down, policy: learned, router: routers/gsm8k-logreg.json, strong: gpt4-down, weak: {{Weak}}, threshold: 0 }
            """);
        Setup = GatewayConfigLoader.Load(configPath, _ => null);
        host = await GatewayHost.StartAsync(Setup, "http://127.0.0.1:0");
        Client = new HttpClient { BaseAddress = new Uri(host.Addresses[0]), Timeout = TimeSpan.FromSeconds(20) };
    }

    /// <summary>The ledger's rows (what the gateway's log holds imported first).</summary>
    public IReadOnlyList<LedgerRow> Ledger()
    {
        using var store = ParityStore.OpenSqlite(LedgerPath);
        LedgerLog.ImportPending(store);
        return Dapper.SqlMapper.Query<LedgerRow>(store.Connection, "SELECT * FROM gateway_ledger ORDER BY id").ToList();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await Upstream.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
