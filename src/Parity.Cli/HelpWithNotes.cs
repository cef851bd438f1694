using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace Parity.Cli;

/// <summary>
/// The standard help, followed by a command's longer notes (how its numbers are computed).
/// The notes show only in that command's own <c>--help</c>, so the root listing stays one line per command.
/// </summary>
internal sealed class HelpWithNotes(HelpAction standard) : SynchronousCommandLineAction
{
    private static readonly ConditionalWeakTable<Command, string> Notes = [];

    /// <summary>Adds notes to a command's <c>--help</c>.</summary>
    public static void Add(Command command, string notes) => Notes.AddOrUpdate(command, notes);

    /// <summary>Wraps the root's help option so every command's help prints its notes.</summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction standard)
        {
            help.Action = new HelpWithNotes(standard);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        var exit = standard.Invoke(parseResult);
        if (Notes.TryGetValue(parseResult.CommandResult.Command, out var notes))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Method:");
            foreach (var paragraph in notes.Split("\n\n"))
            {
                output.WriteLine("  " + paragraph.Replace("\n", "\n  ", StringComparison.Ordinal));
                output.WriteLine();
            }
        }

        return exit;
    }
}
