using System.CommandLine;
using System.Globalization;
using System.Text;
using Parity.Claims;
using Parity.Reports;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary><c>parity claims check [FILE]</c> and <c>parity claims history ID</c>: verdicts on a claims file against the shipped data, now or as of a date, and over time.</summary>
internal static class ClaimsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("claims", "Claims about the AI race as data: check them against the shipped data, now, as of a date, or over time") { Check(context), History(context) };
        return command;
    }

    private static Argument<string?> FileArgument() => new("file")
    {
        Description = "A claims YAML file (default: the shipped data/claims/claims.yaml)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Option<string?> AsOfOption() => new("--as-of")
    {
        Description = "Check on the data in force on this date (yyyy-mm-dd, end of the UTC day): leaderboard snapshots on or before it, the list prices in force then, evidence published by then (default: the newest data)",
    };

    private static Command Check(CliContext context)
    {
        var file = FileArgument();
        var asOf = AsOfOption();
        var format = new Option<string>("--format")
        {
            Description = "Output: table, json or md",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "md");

        var check = new Command("check",
            "Check claims against the shipped leaderboards, prices, evidence series and training facts. Each claim has one or more readings (checkable tests of its " +
            "sentence, each with its own P(true), verdict and evidence); the verdict combines them: confirmed, mostly true, mixed, mostly false, refuted, outdated or undecided, " +
            "with a confidence, the reading that decided it, and for price and evidence claims the dates the verdict changed.")
        {
            file, asOf, format,
        };
        HelpWithNotes.Add(check,
            "How readings combine: " + ClaimRule.RuleText + "\n\n" +
            "P(true) of a reading: " + ClaimRule.MethodText + "\n\n" +
            "\"X% of the capability\" (capability-ratio): Arena scores are an interval scale, so the ratio is taken on the win-probability scale: " + CapabilityRatioClaim.ScaleText +
            "; benchmark-ratio reads the same words as the press does, the challenger's benchmark scores as a share of the leader's.\n\n" +
            "Prices on a date: a model in data/evidence/price_history.csv gets the list price in force then (source and period shown); any other model gets the catalog feeds' price, " +
            "in force as of the feed's date only.\n\n" +
            "File format: a top-level 'claims:' list (and optional 'trackers:' with id, headline, label, said); each claim has " + ClaimFile.ClaimFieldsText + ". Test types:\n" +
            string.Join('\n', ClaimFile.Types.Select(t => $"  {t.Key}: {t.Value}")) + "\n\n" +
            "A claim with an unknown type or field, a missing field, a model Parity does not know, a series Parity does not have, or a date with no snapshot is a " +
            "one-line error naming the file, the claim and the field, and nothing else is printed.");

        CliAction.Set(check, context, parseResult =>
        {
            var (inputs, data, set) = Load(parseResult, file, asOf);
            var report = ClaimChecker.Report(set, inputs.ClaimsFile, data, Sources(inputs));
            switch (parseResult.GetValue(format))
            {
                case "json":
                    CliJson.Write(context.Writer, report);
                    break;
                case "md":
                    var md = new StringBuilder();
                    md.AppendLine($"# Claims checked: `{report.File}`, as of {report.AsOf}").AppendLine()
                        .AppendLine("How readings combine: " + report.Rule).AppendLine().AppendLine("P(true): " + report.Method).AppendLine();
                    MarkdownReport.AppendClaimTable(md, report.Claims);
                    MarkdownReport.AppendTrackers(md, report.Trackers, report.Claims);
                    foreach (var result in report.Claims)
                    {
                        MarkdownReport.AppendClaim(md, result);
                    }

                    context.Writer.Write(md.ToString());
                    break;
                default:
                    context.Console.MarkupLine($"[bold]Claims checked[/] ({Markup.Escape(report.File)}, as of {Markup.Escape(report.AsOf)})");
                    ReportConsole.WriteClaims(context.Console, report.Claims);
                    ReportConsole.WriteTrackers(context.Console, report.Trackers);
                    context.Console.MarkupLine($"[grey]How readings combine: {Markup.Escape(report.Rule)}[/]");
                    break;
            }

            return 0;
        });
        return check;
    }

    private static Command History(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The claim's id, e.g. deepseek-1.10-vs-10" };
        var file = new Option<string?>("--file") { Description = "A claims YAML file (default: the shipped data/claims/claims.yaml)" };
        var asOf = AsOfOption();
        var format = new Option<string>("--format") { Description = "Output: table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var history = new Command("history",
            "A claim's verdict over time: evaluated at every moment its data change (every shipped leaderboard snapshot it reads, every price change of the models it names, " +
            "every figure of its series as it was published), with the dates where the verdict changed: \"true from 2025-02-08 16:00 UTC to 2025-09-05 16:00 UTC, false since\".")
        {
            id, file, asOf, format,
        };
        CliAction.Set(history, context, parseResult =>
        {
            var (inputs, data, set) = Load(parseResult, file, asOf);
            var name = parseResult.GetValue(id)!;
            var claim = set.Claims.FirstOrDefault(c => c.Id == name)
                ?? throw new ParityException($"{inputs.ClaimsFile}: no claim with id '{name}' (ids: {string.Join(", ", set.Claims.Select(c => c.Id))}).");
            ClaimChecker.Validate([claim], data);
            var periods = ClaimChecker.History(claim, data);
            var changes = new List<ClaimHistoryPoint>();
            foreach (var period in periods.Where(p => p.From is not null))
            {
                var result = ClaimChecker.Check(claim, data.At(period.From), timeline: false);
                changes.Add(new ClaimHistoryPoint(period.From!.Value, result.VerdictText, result.PTrue, result.Why,
                    result.Readings.Select(r => $"{r.Name}: {r.Summary}").ToList()));
            }

            var text = periods.Count == 0 ? "the claim's data do not change over time" : ClaimChecker.TimelineText(periods);
            if (parseResult.GetValue(format) == "json")
            {
                CliJson.Write(context.Writer, new { id = claim.Id, sentence = claim.Sentence, asOf = data.AsOfDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "newest data", timeline = text, periods, changes });
                return 0;
            }

            context.Console.MarkupLine($"[bold]{Markup.Escape(claim.Id)}[/]: {Markup.Escape(claim.Sentence)}");
            context.Console.MarkupLine(Markup.Escape(text));
            var table = new Table().Border(TableBorder.Rounded).AddColumn("from (UTC)").AddColumn("verdict").AddColumn(new TableColumn("P(true)").RightAligned()).AddColumn("what changed: the readings then");
            foreach (var change in changes)
            {
                table.AddRow(change.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Markup.Escape(change.Verdict),
                    change.PTrue is { } p ? Fmt.Pct(p) : "–", Markup.Escape(string.Join("\n", change.Readings)));
            }

            context.Console.Write(table);
            return 0;
        });
        return history;
    }

    private static (ReportInputs Inputs, ClaimData Data, ClaimSet Set) Load(ParseResult parseResult, Argument<string?> file, Option<string?> asOf) =>
        Load(parseResult, parseResult.GetValue(file), asOf);

    private static (ReportInputs Inputs, ClaimData Data, ClaimSet Set) Load(ParseResult parseResult, Option<string?> file, Option<string?> asOf) =>
        Load(parseResult, parseResult.GetValue(file), asOf);

    private static (ReportInputs Inputs, ClaimData Data, ClaimSet Set) Load(ParseResult parseResult, string? path, Option<string?> asOf)
    {
        DateOnly? date = parseResult.GetValue(asOf) is { } text
            ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw new ParityException($"--as-of: expected a date yyyy-mm-dd, got '{text}'.")
            : null;
        var inputs = ReportData.Create(ShippedHistory.From(HistoryLoader.Load(parseResult)), CatalogLoader.Load(parseResult), path, DateTimeOffset.UtcNow);
        var data = ReportBuilder.ClaimDataOf(inputs, date is { } day ? ReportBuilder.EndOf(day) : null);
        return (inputs, data, new ClaimSet(inputs.ClaimsFile, inputs.Claims, inputs.Trackers ?? []));
    }

    private static IReadOnlyList<string> Sources(ReportInputs inputs)
    {
        var sources = new List<string>
        {
            "leaderboards: data/arena/leaderboard_snapshots.csv and leaderboard_history.csv (LMArena, one source per era)",
            "list prices with effective dates: " + Catalog.Pricing.PriceHistory.ShippedFile + " (makers' pricing pages and change logs; see data/SOURCES.md)",
            "other prices: the catalog feeds (genai-prices npm 0.1.8, 2026-09-23; LiteLLM 2026-07-24), in force as of each feed's date",
            "training facts: Epoch AI Notable AI Models (CC-BY 4.0, 2026-07-19)",
        };
        if (inputs.Evidence is { } evidence)
        {
            sources.AddRange(evidence.Files.Select(f => $"{f.Key}: {f.Value} ({evidence.All(f.Key).Count} figures, each with source, URL and publication date)"));
        }

        return sources;
    }
}
