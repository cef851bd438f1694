using System.CommandLine;

namespace Parity.Cli;

/// <summary>
/// Runs a command body and turns a <see cref="ParityException"/> into one clear line on
/// standard error and exit code 1 (2 for usage errors is System.CommandLine's own).
/// </summary>
internal static class CliAction
{
    public static void Set(Command command, CliContext context, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken);
            }
            catch (ParityException ex)
            {
                await context.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync("cancelled");
                return 130;
            }
        });

    public static void Set(Command command, CliContext context, Func<ParseResult, int> body) =>
        Set(command, context, (parseResult, _) => Task.FromResult(body(parseResult)));
}
