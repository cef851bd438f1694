using System.CommandLine;

namespace Parity.Cli.Commands;

/// <summary><c>parity battle</c>: your own arena — two models, one judge, votes for <c>parity arena rate</c>.</summary>
internal static class BattleCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("battle", "Put two models on the same prompts and let a judge model compare their answers in both orders; the votes feed 'parity arena rate'.");
        command.Subcommands.Add(BattleRunCommand.Create(context));
        return command;
    }
}
