using System.Collections.Concurrent;
using System.Net;
using Parity.Storage;

namespace Parity.Server.Tests.Gateway;

/// <summary>Runs the real <c>parity gateway</c> as a child process, loads it, kills it with SIGKILL and checks the ledger.</summary>
public sealed class KillTests : IAsyncLifetime
{
    private FakeUpstream upstream = null!;
    private readonly string folder = Directory.CreateTempSubdirectory("parity-kill-").FullName;

    public async Task InitializeAsync() => upstream = await FakeUpstream.StartAsync();

    [Fact]
    public async Task Kill_9_under_load_loses_no_record_of_a_completed_request()
    {
        var config = Path.Combine(folder, "gateway.yaml");
        await File.WriteAllTextAsync(config, $$"""
            ledger:
              sqlite: ledger.db
            keys:
              required: false
            providers:
              - { name: local, baseUrl: "{{upstream.BaseUrl}}", apiKeyEnv: KILL_TEST_UPSTREAM_KEY }
            models:
              - { name: m, provider: local, upstreamModel: fast, origin: CN, openWeights: true, prices: { input: 0.28, output: 0.42 } }
            """);
        using var gateway = await ChildGateway.StartAsync(config, new Dictionary<string, string> { ["KILL_TEST_UPSTREAM_KEY"] = "sk-kill-test-SECRET-555" });
        var process = gateway.Process;
        var client = gateway.Client;
        var completed = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var stream = w % 2 == 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var content = new StringContent($$"""{"model":"m","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json");
                    using var response = await client.PostAsync("/v1/chat/completions", content);
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode == HttpStatusCode.OK && (!stream || body.Contains("[DONE]", StringComparison.Ordinal)))
                    {
                        completed.Add(response.Headers.GetValues("x-request-id").Single());
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    if (process.HasExited)
                    {
                        return;
                    }
                }
            }
        })).ToList();

        // Killed once requests are completing steadily (a count, not a fixed time: under the whole suite's load
        // the first second can go to JIT and the tokenizer's start), with requests still in flight.
        await Poll.UntilAsync(() => completed.Count >= 40, TimeSpan.FromSeconds(30));

        process.Kill(); // SIGKILL on Linux: no shutdown code runs
        await process.WaitForExitAsync();
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        completed.Count.ShouldBeGreaterThan(20);
        using var store = ParityStore.OpenSqlite(Path.Combine(folder, "ledger.db"));
        Parity.Gateway.LedgerLog.ImportPending(store); // the killed gateway's log, as `parity usage` or its next start would import it
        var recorded = Dapper.SqlMapper.Query<string>(store.Connection, "SELECT request_id FROM gateway_ledger").ToHashSet();
        var lost = completed.Where(id => !recorded.Contains(id)).ToList();
        lost.ShouldBeEmpty($"{lost.Count} of {completed.Count} completed requests are missing from the ledger");
        string.Join('\n', gateway.Output).ShouldNotContain("SECRET-555");
    }

    public async Task DisposeAsync()
    {
        await upstream.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
