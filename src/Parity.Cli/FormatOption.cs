using System.CommandLine;

namespace Parity.Cli;

/// <summary>The <c>--format</c> option, limited to the formats a command supports.</summary>
internal static class FormatOption
{
    public static Option<OutputFormat> Create(params OutputFormat[] allowed)
    {
        var option = new Option<OutputFormat>("--format")
        {
            Description = "Output format: " + string.Join('|', allowed.Select(f => f.ToString().ToLowerInvariant())),
            DefaultValueFactory = _ => allowed[0],
        };
        option.AcceptOnlyFromAmong(allowed.Select(f => f.ToString().ToLowerInvariant()).ToArray());
        return option;
    }
}
