namespace Parity.Server.Tests.Gateway;

/// <summary><c>parity gateway --io-threads N</c>: the node runs N socket threads (its share of a machine it shares with other nodes).</summary>
public sealed class IoThreadsTests : IAsyncLifetime
{
    private FakeUpstream upstream = null!;
    private readonly string folder = Directory.CreateTempSubdirectory("parity-io-threads-").FullName;

    public async Task InitializeAsync() => upstream = await FakeUpstream.StartAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task The_node_runs_as_many_socket_threads_as_asked_and_serves_on_them(int threads)
    {
        var config = Path.Combine(folder, $"gateway-{threads}.yaml");
        await File.WriteAllTextAsync(config, $$"""
            ledger:
              sqlite: ledger-{{threads}}.db
            keys:
              required: false
            providers:
              - { name: local, baseUrl: "{{upstream.BaseUrl}}", apiKeyEnv: IO_THREADS_TEST_UPSTREAM_KEY }
            models:
              - { name: m, provider: local, upstreamModel: fast, origin: CN, openWeights: true, prices: { input: 0.28, output: 0.42 } }
            """);
        using var gateway = await ChildGateway.StartAsync(config, new Dictionary<string, string> { ["IO_THREADS_TEST_UPSTREAM_KEY"] = "sk-io-test" },
            "--io-threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var content = new StringContent("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await gateway.Client.PostAsync("/v1/chat/completions", content);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

        // .NET names each socket thread ".NET Sockets" (the kernel keeps the first 15 bytes of a thread's name).
        var names = Directory.GetDirectories($"/proc/{gateway.Process.Id}/task").Select(task => File.ReadAllText(Path.Combine(task, "comm")).Trim());
        names.Count(n => n == ".NET Sockets").ShouldBe(threads);
    }

    public async Task DisposeAsync()
    {
        await upstream.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
