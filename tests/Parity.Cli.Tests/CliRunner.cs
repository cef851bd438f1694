namespace Parity.Cli.Tests;

/// <summary>Runs the real command tree in process and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ParityCli.RunAsync(args, output, error, ansi: false);
        return (exit, output.ToString(), error.ToString());
    }
}
