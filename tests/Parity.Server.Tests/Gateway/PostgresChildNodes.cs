using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Parity.Server.Tests.Gateway;

/// <summary>
/// Gateway nodes as real <c>parity gateway</c> child processes on one PostgreSQL database and one
/// config (so one spool folder, as nodes on one machine share it), in front of two fake providers.
/// A node can be killed with SIGKILL and started again.
/// </summary>
public sealed class PostgresChildNodes : IAsyncDisposable
{
    private readonly Dictionary<string, string> environment;
    private readonly FakeUpstream alpha;
    private readonly FakeUpstream beta;

    private PostgresChildNodes(string folder, string config, Dictionary<string, string> environment, FakeUpstream alpha, FakeUpstream beta)
    {
        Folder = folder;
        Config = config;
        this.environment = environment;
        this.alpha = alpha;
        this.beta = beta;
    }

    public string Folder { get; }

    public string Config { get; }

    public List<ChildGateway> Nodes { get; } = [];

    /// <summary>Starts <paramref name="count"/> nodes; <paramref name="ledger"/> is the rest of the config's <c>ledger:</c> section (indented by 2).</summary>
    public static async Task<PostgresChildNodes> StartAsync(string connectionString, int count, string ledger = "")
    {
        var alpha = await FakeUpstream.StartAsync();
        var beta = await FakeUpstream.StartAsync();
        var folder = Directory.CreateTempSubdirectory("parity-pg-nodes-").FullName;
        var config = Path.Combine(folder, "gateway.yaml");
        await File.WriteAllTextAsync(config, TestGateway.Yaml(alpha.BaseUrl, beta.BaseUrl, "postgresEnv: GATEWAY_TEST_PG" + ledger));
        var environment = new Dictionary<string, string>
        {
            ["GATEWAY_TEST_PG"] = connectionString,
            ["ALPHA_KEY"] = TestGateway.AlphaKey,
            ["TEST_ADMIN_KEY"] = TestGateway.AdminKey,
        };
        var nodes = new PostgresChildNodes(folder, config, environment, alpha, beta);
        try
        {
            foreach (var node in await Task.WhenAll(Enumerable.Range(0, count).Select(_ => ChildGateway.StartAsync(config, environment))))
            {
                nodes.Nodes.Add(node);
            }
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }

        return nodes;
    }

    /// <summary>Kills node <paramref name="index"/> with SIGKILL (no shutdown code runs) and waits for it to exit.</summary>
    public async Task KillAsync(int index)
    {
        Nodes[index].Process.Kill();
        await Nodes[index].Process.WaitForExitAsync();
    }

    /// <summary>Starts node <paramref name="index"/> again (a new process on the same config and spool folder).</summary>
    public async Task RestartAsync(int index)
    {
        Nodes[index].Dispose();
        Nodes[index] = await ChildGateway.StartAsync(Config, environment);
    }

    /// <summary>Stops node <paramref name="index"/> with SIGTERM (it writes its spool and gives back its leases) and waits for it.</summary>
    public async Task StopAsync(int index)
    {
        var process = Nodes[index].Process;
        using (var term = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    public async Task<string> CreateKeyAsync(string name, double? budget = null, int? rpm = null, int? tpm = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/keys") { Content = JsonContent.Create(new { name, budgetUsd = budget, period = "day", rpm, tpm }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestGateway.AdminKey);
        using var response = await Nodes[0].Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
    }

    /// <summary>One chat completion through node <paramref name="node"/>.</summary>
    public Task<HttpResponseMessage> ChatAsync(int node, string key, string model = "cn-open", int? maxTokens = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Say hello, and then say it again a few times." }),
            ["max_tokens"] = maxTokens,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return Nodes[node].Client.SendAsync(request, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            node.Dispose();
        }

        await alpha.DisposeAsync();
        await beta.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
