using System.CommandLine;
using System.Text;
using Parity.Claims;
using Parity.Reports;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary><c>parity claims check [FILE]</c>: verdicts on a claims file against the shipped data.</summary>
internal static class ClaimsCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string?>("file")
        {
            Description = "A claims YAML file (default: the shipped data/claims/claims.yaml)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var format = new Option<string>("--format")
        {
            Description = "Output: table, json or md",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "md");

        var check = new Command("check",
            "Check claims against the shipped leaderboards, prices and training facts, and give each a verdict (confirmed, refuted, unconfirmed), " +
            "the probability that it is true, a confidence and the evidence with sources and dates.")
        {
            file, format,
        };
        HelpWithNotes.Add(check,
            ClaimThresholds.MethodText + "\n\n" +
            "\"X% of the capability\" (capability-ratio): Arena scores are an interval scale, so the ratio is taken on the win-probability scale: " + CapabilityRatioClaim.ScaleText + ".\n\n" +
            "File format: a top-level 'claims:' list; each claim has id, sentence, said, type and the type's fields:\n" +
            string.Join('\n', ClaimFile.Types.Select(t => $"  {t.Key}: {t.Value}")) + "\n\n" +
            "A claim with an unknown type or field, a model not on the board, or a date with no snapshot is an error naming the claim.");

        CliAction.Set(check, context, parseResult =>
        {
            var inputs = ReportData.Create(ShippedHistory.Load(), CatalogLoader.Load(parseResult), parseResult.GetValue(file), DateTimeOffset.UtcNow);
            var data = ReportBuilder.ClaimDataOf(inputs);
            var results = ClaimChecker.CheckAll(inputs.Claims, data);
            switch (parseResult.GetValue(format))
            {
                case "json":
                    CliJson.Write(context.Writer, new { file = inputs.ClaimsFile, method = ClaimThresholds.MethodText, claims = results });
                    break;
                case "md":
                    var md = new StringBuilder();
                    md.AppendLine($"# Claims checked: `{inputs.ClaimsFile}`").AppendLine().AppendLine(ClaimThresholds.MethodText).AppendLine();
                    foreach (var result in results)
                    {
                        MarkdownReport.AppendClaim(md, result);
                    }

                    context.Writer.Write(md.ToString());
                    break;
                default:
                    ReportConsole.WriteClaims(context.Console, results);
                    context.Console.MarkupLine($"[grey]{Markup.Escape(ClaimThresholds.MethodText)}[/]");
                    break;
            }

            return 0;
        });

        var command = new Command("claims", "Claims about the AI race as data: check them against the shipped data") { check };
        return command;
    }
}
