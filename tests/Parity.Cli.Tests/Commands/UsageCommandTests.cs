using System.Text.Json.Nodes;
using Parity.Gateway;
using Parity.Storage;

namespace Parity.Cli.Tests.Commands;

public sealed class UsageCommandTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("parity-usage-").FullName;

    private string Db => Path.Combine(folder, "parity.db");

    public async Task InitializeAsync()
    {
        await using var writer = new LedgerWriter(ParityStore.OpenSqlite(Db));
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        await writer.AppendAsync(new LedgerEntry { RequestId = "a", At = at, Route = "cheap", Model = "deepseek-chat", Vendor = "DeepSeek", Origin = "CN", OpenWeights = true, InputTokens = 3000, OutputTokens = 1000, CostUsd = 0.00126m, Status = 200, Attempts = 1 });
        await writer.AppendAsync(new LedgerEntry { RequestId = "b", At = at.AddHours(1), Route = "flagship", Model = "gpt-5", Vendor = "OpenAI", Origin = "US", OpenWeights = false, InputTokens = 1000, OutputTokens = 1000, CostUsd = 0.01125m, Status = 200, Attempts = 1 });
        await writer.AppendAsync(new LedgerEntry { RequestId = "c", At = at.AddDays(3), Route = "cheap", Model = "deepseek-chat", Vendor = "DeepSeek", Origin = "CN", OpenWeights = true, InputTokens = 1, OutputTokens = 1, CostUsd = 0.5m, Status = 200, Attempts = 1 });
    }

    [Fact]
    public async Task Json_gives_groups_shares_and_the_flagship_comparison()
    {
        var (exit, output, error) = await CliRunner.RunAsync("usage", "--db", Db, "--by", "origin", "--from", "2026-11-02", "--to", "2026-11-03", "--flagship-price", "1.25,10", "--format", "json");
        exit.ShouldBe(0, error);
        var json = JsonNode.Parse(output)!;
        json["requests"]!.GetValue<long>().ShouldBe(2);
        json["rows"]!.AsArray().Select(r => r!["group"]!.GetValue<string>()).ShouldBe(["US closed", "CN open"]);
        json["chineseOpenWeightTokenShare"]!.GetValue<double>().ShouldBe(4000d / 6000, 1e-12);
        json["flagship"]!["costUsd"]!.GetValue<double>().ShouldBe((4000 * 1.25 + 2000 * 10) / 1e6, 1e-12);
    }

    [Fact]
    public async Task Table_and_csv_show_the_same_groups()
    {
        var (exit, table, _) = await CliRunner.RunAsync("usage", "--db", Db, "--by", "vendor", "--to", "2026-11-03", "--flagship-price", "1.25,10");
        exit.ShouldBe(0);
        table.ShouldContain("DeepSeek");
        table.ShouldContain("Chinese open-weight models: 66.7% of tokens");
        table.ShouldContain("The same tokens on flagship");

        var (csvExit, csv, _) = await CliRunner.RunAsync("usage", "--db", Db, "--by", "model", "--format", "csv");
        csvExit.ShouldBe(0);
        var lines = csv.Trim().Split('\n');
        lines[0].ShouldStartWith("model,requests,errors,input_tokens");
        lines.Length.ShouldBe(3);
    }

    [Fact]
    public async Task The_flagship_can_come_from_the_catalog()
    {
        var (exit, output, error) = await CliRunner.RunAsync("usage", "--db", Db, "--flagship", "gpt-5", "--format", "json");
        exit.ShouldBe(0, error);
        var flagship = JsonNode.Parse(output)!["flagship"]!;
        flagship["model"]!.GetValue<string>().ShouldBe("gpt-5");
        flagship["price"]!["source"]!.GetValue<string>().ShouldStartWith("catalog: OpenAI");
        flagship["costUsd"]!.GetValue<double>().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Bad_options_are_clear_errors()
    {
        var (exit, _, error) = await CliRunner.RunAsync("usage", "--db", Db, "--from", "last tuesday");
        exit.ShouldBe(1);
        error.ShouldContain("--from: 'last tuesday' is not a date");
        (await CliRunner.RunAsync("usage", "--db", Db, "--by", "colour")).Exit.ShouldNotBe(0);
    }

    [Fact]
    public async Task Gateway_help_names_its_options()
    {
        var (exit, output, _) = await CliRunner.RunAsync("gateway", "--help");
        exit.ShouldBe(0);
        output.ShouldContain("--config");
        output.ShouldContain("--urls");
        output.ShouldContain("keys");
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }
}
