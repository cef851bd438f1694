using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parity.Gateway;
using Parity.Server.Gateway;
using Parity.Storage;

namespace Parity.Server.Tests.Gateway;

/// <summary>A gateway on 127.0.0.1 in front of two fake providers, with a SQLite ledger in a temporary folder.</summary>
public sealed class TestGateway : IAsyncLifetime
{
    public const string AlphaKey = "sk-alpha-UPSTREAM-SECRET-0123456789";
    public const string BetaKey = "sk-beta-UPSTREAM-SECRET-9876543210";
    public const string AdminKey = "admin-test-key-42";

    private GatewayHost? host;

    public FakeUpstream Alpha { get; private set; } = null!;

    public FakeUpstream Beta { get; private set; } = null!;

    public string Folder { get; } = Directory.CreateTempSubdirectory("parity-gw-").FullName;

    public string LedgerPath => Path.Combine(Folder, "ledger.db");

    public string ConfigPath => Path.Combine(Folder, "gateway.yaml");

    public HttpClient Client { get; private set; } = null!;

    public GatewaySetup Setup { get; private set; } = null!;

    public static string Yaml(string alphaUrl, string betaUrl, string ledger) => $$"""
        ledger:
          {{ledger}}
        keys:
          required: true
          adminKeyEnv: TEST_ADMIN_KEY
        providers:
          - name: alpha
            baseUrl: {{alphaUrl}}
            apiKeyEnv: ALPHA_KEY
            timeoutSeconds: 2
          - name: beta
            baseUrl: {{betaUrl}}
            apiKey: {{BetaKey}}
        models:
          - { name: us-flagship, provider: alpha, upstreamModel: fast, vendor: OpenAI, origin: US, openWeights: false, prices: { input: 1.25, output: 10, cachedInput: 0.125 }, quality: { arena: 1450 } }
          - { name: cn-open, provider: beta, upstreamModel: fast, vendor: DeepSeek, origin: CN, openWeights: true, prices: { input: 0.28, output: 0.42, cachedInput: 0.028 }, quality: { arena: 1420 } }
          - { name: cn-small, provider: beta, upstreamModel: fast, vendor: Alibaba, origin: CN, openWeights: true, prices: { input: 0.05, output: 0.1 }, quality: { arena: 1300 } }
          - { name: nousage, provider: beta, vendor: DeepSeek, origin: CN, openWeights: true, prices: { input: 0.28, output: 0.42 } }
          - { name: trickle, provider: beta, vendor: DeepSeek, origin: CN, openWeights: true, prices: { input: 0.28, output: 0.42 } }
          - { name: failing, provider: alpha, upstreamModel: fail, origin: US, prices: { input: 1, output: 1 } }
          - { name: limited, provider: alpha, origin: US, prices: { input: 1, output: 1 } }
          - { name: slow, provider: alpha, origin: US, prices: { input: 1, output: 1 } }
          - { name: drop, provider: alpha, origin: US, prices: { input: 1, output: 1 } }
          - { name: stall, provider: alpha, origin: US, prices: { input: 1, output: 1 } }
          - { name: badrequest, provider: alpha, origin: US, prices: { input: 1, output: 1 } }
          - { name: heavy, provider: alpha, origin: US, prices: { input: 1.25, output: 10, cachedInput: 0.125 } }
          - { name: triple, provider: alpha, origin: US, prices: { input: 1.25, output: 10 } }
          - { name: triple-prompt, provider: alpha, origin: US, prices: { input: 2.5, output: 10 } }
          - { name: garbage, provider: alpha, origin: US, prices: { input: 1, output: 1 } }
          - { name: errorbody, provider: alpha, origin: US, prices: { input: 1, output: 1 } }
          - { name: empty, provider: alpha, origin: US, prices: { input: 1, output: 1 } }
          - { name: cut, provider: alpha, origin: US, prices: { input: 1, output: 1 } }
          - { name: truncated, provider: alpha, origin: US, prices: { input: 1, output: 1 } }
        routes:
          - { name: robust-500, policy: fallback, models: [failing, cn-open] }
          - { name: robust-429, policy: fallback, models: [limited, cn-open] }
          - { name: robust-timeout, policy: fallback, models: [slow, cn-open] }
          - { name: robust-drop, policy: fallback, models: [drop, cn-open] }
          - { name: robust-400, policy: fallback, models: [badrequest, cn-open] }
          - { name: all-failing, policy: fallback, models: [limited, failing] }
          - { name: robust-garbage, policy: fallback, models: [garbage, cn-open] }
          - { name: robust-errorbody, policy: fallback, models: [errorbody, cn-open] }
          - { name: robust-empty, policy: fallback, models: [empty, cn-open] }
          - { name: robust-cut, policy: fallback, models: [cut, cn-open] }
          - { name: robust-truncated, policy: fallback, models: [truncated, cn-open] }
          - { name: cheapest, policy: cheapest, models: [us-flagship, cn-open, cn-small] }
          - { name: good-enough, policy: cheapest-meeting, models: [us-flagship, cn-open, cn-small], minimum: { arena: 1400 } }
          - { name: ab, policy: weighted, models: [us-flagship, cn-open], weights: [90, 10] }
          - { name: pinned, policy: fixed, models: [failing, cn-open] }
        """;

    public static Func<string, string?> Environment => name => name switch
    {
        "ALPHA_KEY" => AlphaKey,
        "TEST_ADMIN_KEY" => AdminKey,
        _ => System.Environment.GetEnvironmentVariable(name),
    };

    public async Task InitializeAsync()
    {
        Alpha = await FakeUpstream.StartAsync();
        Beta = await FakeUpstream.StartAsync();
        await File.WriteAllTextAsync(ConfigPath, Yaml(Alpha.BaseUrl, Beta.BaseUrl, "sqlite: ledger.db"));
        Setup = GatewayConfigLoader.Load(ConfigPath, Environment);
        host = await GatewayHost.StartAsync(Setup, "http://127.0.0.1:0");
        Client = new HttpClient { BaseAddress = new Uri(host.Addresses[0]), Timeout = TimeSpan.FromSeconds(20) };
    }

    /// <summary>Issues a key through the admin API.</summary>
    public async Task<string> CreateKeyAsync(string name, double? budget = null, int? rpm = null, int? tpm = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/keys") { Content = JsonContent.Create(new { name, budgetUsd = budget, period = "day", rpm, tpm }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await Client.SendAsync(request);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return body["key"]!.GetValue<string>();
    }

    /// <summary>POSTs a chat completion with the given key.</summary>
    public async Task<HttpResponseMessage> ChatAsync(string key, string model, bool stream = false, int? maxTokens = null, string? rawBody = null)
    {
        var body = rawBody ?? new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Say hello." }),
            ["stream"] = stream,
            ["max_tokens"] = maxTokens,
        }.ToJsonString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (key.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await Client.SendAsync(request, stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead);
    }

    /// <summary>The ledger's rows, read through a second connection (WAL lets readers in while the gateway writes).</summary>
    public IReadOnlyList<LedgerRow> Ledger()
    {
        using var store = ParityStore.OpenSqlite(LedgerPath);
        Parity.Gateway.LedgerLog.ImportPending(store); // what the gateway's log holds and has not imported yet
        return Dapper.SqlMapper.Query<LedgerRow>(store.Connection, "SELECT * FROM gateway_ledger ORDER BY id").ToList();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await Alpha.DisposeAsync();
        await Beta.DisposeAsync();
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
