using System.Net;
using System.Text.Json.Nodes;
using Parity.Server.Dashboard;

namespace Parity.Server.Tests.Dashboard;

/// <summary>
/// <c>/api/claims?file=</c> reads only claims files in the store's folder, the <c>--claims</c> file's folder or the shipped
/// <c>data/claims</c>: anything else (another folder, <c>..</c>, a link out, not YAML) is a 400 naming <c>file</c> that
/// neither reads the file nor says whether it exists.
/// </summary>
public sealed class ClaimsFileParameterTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("parity-claims-param-").FullName;
    private readonly string outside = Directory.CreateTempSubdirectory("parity-claims-outside-").FullName;
    private DashboardHost host = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        host = await DashboardHost.StartAsync(new DashboardOptions(Path.Combine(folder, "parity.db")), "http://127.0.0.1:0");
        http = new HttpClient { BaseAddress = new Uri(host.Addresses[0]) };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await host.DisposeAsync();
        Directory.Delete(folder, true);
        Directory.Delete(outside, true);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body, string Text)> ClaimsAsync(string file)
    {
        using var response = await http.GetAsync("/api/claims?file=" + Uri.EscapeDataString(file));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!, text);
    }

    [Fact]
    public async Task A_claims_file_beside_the_store_is_checked_in_place()
    {
        var shipped = await File.ReadAllTextAsync(ShippedData.PathOf("claims/claims.yaml"));
        await File.WriteAllTextAsync(Path.Combine(folder, "mine.yaml"), shipped);
        var (status, body, _) = await ClaimsAsync("mine.yaml");
        status.ShouldBe(HttpStatusCode.OK);
        body["stored"]!.GetValue<bool>().ShouldBeFalse();
        body["report"]!["file"]!.GetValue<string>().ShouldBe("mine.yaml");
        var dashboards = JsonNode.Parse(await http.GetStringAsync("/api/claims"))!;
        body["report"]!["claims"]!.AsArray().Select(c => c!["verdict"]!.ToJsonString())
            .ShouldBe(dashboards["report"]!["claims"]!.AsArray().Select(c => c!["verdict"]!.ToJsonString()));
        (await ClaimsAsync(ShippedData.PathOf("claims/claims.yaml"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Files_outside_the_allowed_folders_are_refused_without_being_read()
    {
        var secret = Path.Combine(outside, "secret.yaml");
        await File.WriteAllTextAsync(secret, "claims:\n  - id: leaked-line-7f3a\n    sentence: s\n    type: no-such-type\n");
        var link = Path.Combine(folder, "link.yaml");
        File.CreateSymbolicLink(link, secret);
        foreach (var file in new[] { "/etc/passwd", secret, Path.Combine("..", Path.GetFileName(outside), "secret.yaml"), "link.yaml", Path.Combine(folder, "parity.db"), Path.Combine(outside, "absent.yaml") })
        {
            var (status, body, text) = await ClaimsAsync(file);
            status.ShouldBe(HttpStatusCode.BadRequest, file);
            body["parameter"]!.GetValue<string>().ShouldBe("file");
            body["error"]!.GetValue<string>().ShouldContain("is not a claims file the dashboard may read");
            body["error"]!.GetValue<string>().ShouldContain(folder);
            text.ShouldNotContain("leaked-line-7f3a");
            text.ShouldNotContain("root:");
        }

        // The page address says the same, as a 400 page.
        using var page = await http.GetAsync("/claims?file=" + Uri.EscapeDataString("/etc/passwd"));
        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).ShouldContain("<code>file</code>");

        // Inside an allowed folder, a missing file is named as missing.
        var (missing, error, _) = await ClaimsAsync("absent.yaml");
        missing.ShouldBe(HttpStatusCode.BadRequest);
        error["error"]!.GetValue<string>().ShouldContain("does not exist");
    }
}
