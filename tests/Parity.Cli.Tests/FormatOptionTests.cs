using System.CommandLine;
using System.CommandLine.Completions;

namespace Parity.Cli.Tests;

/// <summary>
/// A bad option value is one line on standard error naming the option, the value and the allowed
/// values, exit code 1, and no help on standard output: for every command with a <c>--format</c>,
/// found by walking the command tree, so a new command gets its row without a line here.
/// </summary>
public sealed class FormatOptionTests
{
    /// <summary>Every command path with a <c>--format</c> option, and the values it allows.</summary>
    public static TheoryData<string, string[]> CommandsWithFormat()
    {
        var data = new TheoryData<string, string[]>();
        var root = ParityCli.Build(new CliContext(TextWriter.Null, TextWriter.Null, ansi: false));
        void Walk(Command command, string path)
        {
            if (command.Options.FirstOrDefault(o => o.Name == "--format") is { } format)
            {
                data.Add(path, [.. format.GetCompletions(CompletionContext.Empty).Select(c => c.Label)]);
            }

            foreach (var sub in command.Subcommands)
            {
                Walk(sub, (path + " " + sub.Name).Trim());
            }
        }

        Walk(root, "");
        return data;
    }

    [Fact]
    public void The_table_covers_the_commands_users_script()
    {
        var paths = CommandsWithFormat().Select(row => (string)row[0]).ToList();
        paths.ShouldContain("models");
        paths.ShouldContain("eval run");
        paths.ShouldContain("report");
        paths.Count.ShouldBeGreaterThan(10);
    }

    [Theory]
    [MemberData(nameof(CommandsWithFormat))]
    public async Task An_unknown_format_is_one_line_with_the_allowed_values_and_no_help(string command, string[] allowed)
    {
        allowed.ShouldNotBeEmpty(command);
        var (exit, output, error) = await CliRunner.RunAsync([.. command.Split(' '), "--format", "xml-please"]);

        exit.ShouldBe(1, command);
        output.ShouldBeEmpty(command); // no help
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = lines.Where(l => l.Contains("--format", StringComparison.Ordinal)).ShouldHaveSingleItem(command);
        line.ShouldStartWith("error: --format: ", customMessage: command);
        line.ShouldContain("'xml-please'", customMessage: command);
        foreach (var value in allowed)
        {
            line.ShouldContain($"'{value}'", customMessage: command);
        }
    }

    [Theory]
    [MemberData(nameof(CommandsWithFormat))]
    public async Task Help_still_wins_over_a_missing_or_bad_option(string command, string[] allowed)
    {
        var (exit, output, _) = await CliRunner.RunAsync([.. command.Split(' '), "--format", "xml-please", "--help"]);
        exit.ShouldBe(0, command);
        output.ShouldContain("--format", customMessage: command);
        allowed.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("models --limit abc", "Unrecognized command or argument '--limit'")]
    [InlineData("prices gpt-5 --input-tokens lots", "--input-tokens")]
    public async Task Other_bad_words_are_errors_too(string args, string expected)
    {
        var (exit, _, error) = await CliRunner.RunAsync(args.Split(' '));
        exit.ShouldNotBe(0);
        error.ShouldContain(expected);
    }
}
