namespace Parity.Cli;

/// <summary>
/// A one-line progress note on standard error, rewritten in place; only when standard error is a
/// terminal, so pipes, files and tests get clean output.
/// </summary>
internal sealed class ProgressLine
{
    private readonly TextWriter _error;
    private readonly object _gate = new();
    private int _width;

    private ProgressLine(TextWriter error) => _error = error;

    public static ProgressLine? Create(CliContext context) =>
        ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected ? new ProgressLine(context.Error) : null;

    public void Show(string text)
    {
        lock (_gate)
        {
            _error.Write("\r" + text.PadRight(_width));
            _width = Math.Max(_width, text.Length);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _error.Write("\r" + new string(' ', _width) + "\r");
        }
    }
}
