using Parity.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await ParityCli.RunAsync(args, Console.Out, Console.Error, ansi: !Console.IsOutputRedirected, cancellation.Token);
