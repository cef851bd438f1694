namespace Parity.Cli.Tests.Commands;

/// <summary><c>parity serve</c>'s options that fail before it starts serving.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("parity-serve-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    [Fact]
    public async Task A_bad_feeds_config_is_an_error_at_start_naming_the_file_and_the_feed()
    {
        var missing = Path.Combine(folder, "missing.yaml");
        var (exit, _, error) = await CliRunner.RunAsync("serve", "--db", Path.Combine(folder, "p.db"), "--urls", "http://127.0.0.1:0", "--refresh", "6h", "--feeds-config", missing);
        exit.ShouldBe(1);
        error.ShouldContain($"the file '{missing}' does not exist");

        var bad = Path.Combine(folder, "feeds.yaml");
        await File.WriteAllTextAsync(bad, "feeds:\n  arena: http://127.0.0.1:9/leaderboard-text.json\n  lmsys: not-a-url\n");
        (exit, _, error) = await CliRunner.RunAsync("serve", "--db", Path.Combine(folder, "p.db"), "--urls", "http://127.0.0.1:0", "--refresh", "6h", "--feeds-config", bad);
        exit.ShouldBe(1);
        error.ShouldContain($"{bad}:3: feed 'lmsys' needs an absolute URL");
    }

    [Fact]
    public async Task A_feeds_config_without_refresh_is_refused()
    {
        var (exit, _, error) = await CliRunner.RunAsync("serve", "--db", Path.Combine(folder, "p.db"), "--feeds-config", Path.Combine(folder, "f.yaml"));
        exit.ShouldBe(1);
        error.ShouldContain("--feeds-config: only used with --refresh");
    }
}
