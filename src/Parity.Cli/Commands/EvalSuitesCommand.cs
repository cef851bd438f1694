using System.CommandLine;
using Parity.Evals;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary><c>parity eval suites</c>: the built-in suites, their size, scoring and licence.</summary>
internal static class EvalSuitesCommand
{
    public static Command Create(CliContext context)
    {
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("suites", "List the built-in suites with their item counts, how they are scored and their licences.") { format };
        CliAction.Set(command, context, parse =>
        {
            var suites = SuiteLoader.BuiltInNames.Where(n => n == "mgsm" || !n.StartsWith("mgsm-", StringComparison.Ordinal))
                .Select(n => SuiteLoader.Load(n))
                .Select(s => new { name = s.Name, items = s.Items.Count, scorer = s.Scorer.Name, description = s.Description, licence = s.Licence })
                .ToList();
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, suites);
                return 0;
            }

            var table = new Table().AddColumns("suite", "items", "scorer", "licence", "what");
            foreach (var s in suites)
            {
                table.AddRow(Markup.Escape(s.name), s.items.ToString("N0"), s.scorer, Markup.Escape(s.licence), Markup.Escape(s.description));
            }

            context.Console.Write(table);
            context.Console.WriteLine("mgsm-<lang> runs one language: " + string.Join(", ", SuiteLoader.MgsmAnswerPrefixes.Keys) + ". A path to a .jsonl file runs a custom suite.");
            return 0;
        });
        return command;
    }
}
