using System.CommandLine;

namespace Parity.Cli;

/// <summary>Builds the <c>parity</c> command tree and runs it.</summary>
internal static class ParityCli
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("Parity: measurements of the AI race — the US–China and open–closed capability gap, value for money, and safe routing to cheaper models.");
        root.Options.Add(GlobalOptions.Db);
        root.Subcommands.Add(Commands.EvalCommand.Create(context));
        root.Subcommands.Add(Commands.BattleCommand.Create(context));
        root.Subcommands.Add(Commands.ModelsCommand.Create(context));
        root.Subcommands.Add(Commands.PricesCommand.Create(context));
        root.Subcommands.Add(Commands.CatalogCommand.Create(context));
        root.Subcommands.Add(Commands.ReportCommand.Create(context));
        root.Subcommands.Add(Commands.ClaimsCommand.Create(context));
        root.Subcommands.Add(Commands.ArenaCommand.Create(context));
        root.Subcommands.Add(Commands.GatewayCommand.Create(context));
        root.Subcommands.Add(Commands.UsageCommand.Create(context));
        root.Subcommands.Add(Commands.ServeCommand.Create(context));
        root.Subcommands.Add(Commands.CostCommand.Create(context));
        root.Subcommands.Add(Commands.RouteCommand.Create(context));
        root.Subcommands.Add(Commands.UpdateCommand.Create(context));
        HelpWithNotes.Install(root);
        return root;
    }

    /// <summary>Parses and runs one command line, writing to the given writers.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool ansi, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error, ansi);
        var root = Build(context);
        var parse = root.Parse(args);
        if (OptionValueErrors.TryReport(parse, error))
        {
            return Task.FromResult(1);
        }

        var config = new InvocationConfiguration { Output = output, Error = error };
        return parse.InvokeAsync(config, cancellationToken);
    }
}
