using System.CommandLine;

namespace Parity.Cli.Commands;

/// <summary><c>parity arena</c>: ratings from pairwise votes, and the published leaderboard history.</summary>
internal static class ArenaCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("arena", "Arena ratings: Bradley–Terry and Elo leaderboards from pairwise votes, and LMArena's published leaderboard history.");
        command.Subcommands.Add(ArenaRateCommand.Create(context));
        command.Subcommands.Add(ArenaHistoryCommand.Create(context));
        return command;
    }
}
