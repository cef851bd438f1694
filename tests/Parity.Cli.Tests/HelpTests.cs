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

    [Fact]
    public async Task The_report_method_shows_in_its_own_help_not_in_the_root_listing()
    {
        var (_, root, _) = await CliRunner.RunAsync("--help");
        root.ShouldContain("report");
        root.ShouldNotContain("Months behind");

        var (exit, report, _) = await CliRunner.RunAsync("report", "--help");
        exit.ShouldBe(0);
        report.ShouldContain("Method:");
        report.ShouldContain("Months behind");
        report.ShouldContain("bootstrap");
    }
}
