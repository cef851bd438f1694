using System.CommandLine;

namespace Parity.Cli.Commands;

/// <summary><c>parity route</c>: learned routing between a strong and a weak model, trained on recorded per-item outcomes.</summary>
internal static class RouteCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("route", "Learned routing: train a router on recorded per-item outcomes (which model answered which prompt correctly) and measure it with RouteLLM's metrics (APGR, CPT(x%)).");
        command.Subcommands.Add(RouteTrainCommand.Create(context));
        command.Subcommands.Add(RouteEvalCommand.Create(context));
        command.Subcommands.Add(RoutePairsCommand.Create(context));
        command.Subcommands.Add(RouteScoreCommand.Create(context));
        command.Subcommands.Add(RouteParetoCommand.Create(context));
        return command;
    }
}
