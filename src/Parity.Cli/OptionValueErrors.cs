using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Parity.Cli;

/// <summary>
/// A command line whose only fault is an option's value (<c>--format xml</c>, <c>--limit abc</c>) gets
/// one line per error naming the option, the value and, for a fixed set, the allowed values, and
/// exit code 1: not the command's whole help, which would push the one line that matters off the
/// screen. Other parse errors (an unknown command or word) keep System.CommandLine's error-and-help.
/// </summary>
internal static class OptionValueErrors
{
    /// <summary>Writes the errors and returns true when <paramref name="parse"/> failed only on option values.</summary>
    public static bool TryReport(ParseResult parse, TextWriter error)
    {
        // --help (and --version) win over errors, as System.CommandLine has them: only a parse that would end in its error action is ours.
        if (parse.Action is not ParseErrorAction || !parse.Errors.Any(e => OptionOf(e) is not null))
        {
            return false;
        }

        foreach (var e in parse.Errors)
        {
            error.WriteLine("error: " + OneLine(e));
        }

        return true;
    }

    /// <summary>
    /// The error in one line: System.CommandLine lists a fixed set's values one per line
    /// ("Argument 'xml' not recognized. Must be one of:\n\t'table'\n\t'json'"); they are joined with commas.
    /// </summary>
    internal static string OneLine(ParseError e)
    {
        var lines = e.Message.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        var message = lines.Length <= 1 ? string.Concat(lines) : lines[0] + " " + string.Join(", ", lines[1..]);
        return OptionOf(e) is { } option && !message.Contains(option.Name, StringComparison.Ordinal) ? $"{option.Name}: {message}" : message;
    }

    private static Option? OptionOf(ParseError e) => e.SymbolResult switch
    {
        OptionResult o => o.Option,
        ArgumentResult { Parent: OptionResult o } => o.Option,
        _ => null,
    };
}
