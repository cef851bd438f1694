using System.CommandLine;
using System.Globalization;
using Parity.Routing;

namespace Parity.Cli.Commands;

/// <summary><c>parity route score</c>: loads a router file (with every check the gateway applies) and prints P(strong model wins) for prompts.</summary>
internal static class RouteScoreCommand
{
    public static Command Create(CliContext context)
    {
        var router = new Option<string>("--router") { Description = "The router file (router.json from 'parity route train')", Required = true };
        var prompts = new Argument<string[]>("prompt") { Description = "One or more prompts to score", Arity = ArgumentArity.OneOrMore };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("score", "Check a router file and print, for each prompt, the router's probability that the strong model answers better than the weak one.");
        command.Options.Add(router);
        command.Options.Add(format);
        command.Arguments.Add(prompts);
        CliAction.Set(command, context, parse =>
        {
            var path = parse.GetValue(router)!;
            var loaded = RouterFile.Load(path);
            var scores = parse.GetValue(prompts)!.Select(p => new RouteScoreJson(p, loaded.StrongWinProbability(p))).ToList();
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, new { router = path, kind = loaded.Kind.ToString().ToLowerInvariant(), strong = loaded.Strong, weak = loaded.Weak, scores });
                return 0;
            }

            context.Writer.WriteLine($"{path}: {loaded.Kind.ToString().ToLowerInvariant()} router, {loaded.Strong} (strong) vs {loaded.Weak} (weak), {loaded.Models.Count} models");
            var table = new PlainTable("P(strong wins)", "prompt").RightAlign(0);
            foreach (var s in scores)
            {
                table.AddRow(s.StrongWinProbability.ToString("0.000", CultureInfo.InvariantCulture), s.Prompt.Length > 80 ? s.Prompt[..77] + "..." : s.Prompt);
            }

            table.Write(context.Writer);
            return 0;
        });
        return command;
    }
}
