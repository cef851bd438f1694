namespace Parity.Cli.Tests;

public sealed class HelpTests
{
    [Fact]
    public async Task Help_lists_the_global_store_option()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--help");
        exit.ShouldBe(0);
        output.ShouldContain("--db");
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var (exit, _, error) = await CliRunner.RunAsync("no-such-command");
        exit.ShouldNotBe(0);
        error.ShouldNotBeEmpty();
    }
}
