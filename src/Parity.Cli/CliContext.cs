using Spectre.Console;

namespace Parity.Cli;

/// <summary>
/// Where a command writes: a Spectre console for tables and bars, and the raw writer under it
/// for JSON and CSV. Tests pass string writers; <see cref="Program"/> passes the real console.
/// </summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, bool ansi)
    {
        Writer = output;
        Error = error;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ansi ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = ansi ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!ansi)
        {
            Console.Profile.Width = 160;
        }
    }

    /// <summary>Tables, bars, progress.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Plain output: JSON, CSV, Markdown.</summary>
    public TextWriter Writer { get; }

    /// <summary>Errors and warnings.</summary>
    public TextWriter Error { get; }
}
