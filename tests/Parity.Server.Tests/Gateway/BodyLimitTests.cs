using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parity.Storage;

namespace Parity.Server.Tests.Gateway;

/// <summary>A body over <c>server.maxBodyMB</c> against the real <c>parity gateway</c>: a 413 in the OpenAI shape, recorded, no stack trace.</summary>
public sealed class BodyLimitTests : IAsyncLifetime
{
    private FakeUpstream upstream = null!;
    private readonly string folder = Directory.CreateTempSubdirectory("parity-limit-").FullName;

    public async Task InitializeAsync() => upstream = await FakeUpstream.StartAsync();

    [Fact]
    public async Task A_body_over_the_limit_gets_a_413_json_error_and_a_413_ledger_row()
    {
        var config = Path.Combine(folder, "gateway.yaml");
        await File.WriteAllTextAsync(config, $$"""
            ledger:
              sqlite: ledger.db
            server:
              maxBodyMB: 1
            keys:
              required: false
            providers:
              - { name: local, baseUrl: "{{upstream.BaseUrl}}" }
            models:
              - { name: m, provider: local, upstreamModel: fast, origin: CN, openWeights: true, prices: { input: 0.28, output: 0.42 } }
            """);
        using var gateway = await ChildGateway.StartAsync(config, new Dictionary<string, string>());
        var big = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('x', 2 * 1024 * 1024) + "\"}]}";
        var ids = new List<string>();
        foreach (var chunked in new[] { false, true })
        {
            HttpContent content = chunked
                ? new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(big))) // no Content-Length: counted as it arrives
                : new StringContent(big, System.Text.Encoding.UTF8, "application/json");
            // Expect: 100-continue, as curl sends for large bodies: a Content-Length over the limit is answered from the
            // headers; a chunked body is counted as it arrives and refused once past the limit.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
            request.Headers.ExpectContinue = true;
            using (content)
            using (var response = await gateway.Client.SendAsync(request))
            {
                response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, $"chunked: {chunked}");
                var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
                error["code"]!.GetValue<string>().ShouldBe("request_too_large");
                error["message"]!.GetValue<string>().ShouldContain("limit of 1 MB");
                ids.Add(response.Headers.GetValues("x-request-id").Single());
            }
        }

        using (var small = await gateway.Client.PostAsync("/v1/chat/completions", new StringContent("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")))
        {
            small.StatusCode.ShouldBe(HttpStatusCode.OK); // the limit is the config's, not a smaller one
        }

        using var store = ParityStore.OpenSqlite(Path.Combine(folder, "ledger.db"));
        Parity.Gateway.LedgerLog.ImportPending(store);
        var rows = Dapper.SqlMapper.Query<(string Id, long Status, string? Error)>(store.Connection, "SELECT request_id, status, error FROM gateway_ledger").ToList();
        rows.Where(r => ids.Contains(r.Id)).ShouldAllBe(r => r.Status == 413 && r.Error == "request_too_large");
        rows.Count(r => ids.Contains(r.Id)).ShouldBe(2);
        rows.ShouldNotContain(r => r.Status == 500);
        var output = string.Join('\n', gateway.Output);
        output.ShouldNotContain("Exception");
        output.ShouldNotContain("   at ");
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
