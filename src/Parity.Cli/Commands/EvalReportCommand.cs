using System.CommandLine;
using System.Globalization;
using System.Text;
using Parity.Evals;
using Parity.Storage;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary><c>parity eval report RUN</c>: accuracy with intervals, cost, tokens, latency, and paired comparisons.</summary>
internal static class EvalReportCommand
{
    private static readonly string[] Formats = ["table", "json", "csv", "md"];

    public static Command Create(CliContext context)
    {
        var run = new Argument<string>("RUN") { Description = "The run's name (see --run of 'parity eval run')" };
        var format = new Option<string>("--format") { Description = "Output format: table|json|csv|md", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Formats);
        var command = new Command("report", "Report a run: accuracy with a 95% Wilson interval per model, cost per item and per 1,000 items, tokens, latency percentiles, correct answers per dollar, and McNemar's paired test for every two models with what switching would save.")
        {
            run, format,
        };
        CliAction.Set(command, context, parse =>
        {
            using var store = ParityStore.OpenSqlite(parse.GetValue(GlobalOptions.Db)!);
            var evalStore = new EvalStore(store);
            var info = evalStore.GetRun(parse.GetValue(run)!);
            var report = EvalReportBuilder.Build(info, evalStore.Results(info.Id));
            switch (parse.GetValue(format))
            {
                case "json":
                    CliJson.Write(context.Writer, new { run = info.Name, suite = info.Suite, scorer = info.Scorer, createdAt = info.CreatedAt, models = report.Models, pairs = report.Pairs });
                    break;
                case "csv":
                    WriteCsv(context.Writer, report);
                    break;
                case "md":
                    WriteMarkdown(context.Writer, report);
                    break;
                default:
                    WriteTables(context, report);
                    break;
            }

            return 0;
        });
        return command;
    }

    private static string[] ModelHeader => ["model", "items", "errors", "accuracy", "95% CI", "cost", "cost/item", "cost/1k items", "correct/$", "prompt tok", "completion tok", "p50 ms", "p90 ms", "p99 ms"];

    private static string[] ModelRow(ModelResultSummary m) =>
    [
        m.Model,
        m.Items.ToString(CultureInfo.InvariantCulture),
        m.Errors.ToString(CultureInfo.InvariantCulture),
        EvalFormat.Percent(m.Accuracy) + string.Concat(m.PassAtK.Where(kv => kv.Key != "pass@1").Select(kv => $" {kv.Key} {EvalFormat.Percent(kv.Value)}")),
        EvalFormat.Interval(m.AccuracyLow, m.AccuracyHigh),
        EvalFormat.Money(m.CostUsd) + (m.UnknownCostCalls > 0 && m.CostUsd is not null ? $" (+{m.UnknownCostCalls} unpriced)" : string.Empty),
        EvalFormat.Money(m.CostPerItem),
        EvalFormat.Money(m.CostPer1000Items),
        EvalFormat.Number(m.CorrectPerDollar, "0.0"),
        EvalFormat.Number(m.MeanPromptTokens),
        EvalFormat.Number(m.MeanCompletionTokens),
        EvalFormat.Number(m.LatencyP50Ms),
        EvalFormat.Number(m.LatencyP90Ms),
        EvalFormat.Number(m.LatencyP99Ms),
    ];

    private static string[] PairHeader => ["A", "B", "items", "only A right", "only B right", "acc A", "acc B", "A − B (95% CI)", "McNemar p", "mid-p", "cheaper", "saves per 1k items"];

    private static string[] PairRow(PairedComparison p) =>
    [
        p.ModelA,
        p.ModelB,
        p.Items.ToString(CultureInfo.InvariantCulture),
        p.OnlyA.ToString(CultureInfo.InvariantCulture),
        p.OnlyB.ToString(CultureInfo.InvariantCulture),
        EvalFormat.Percent(p.AccuracyA),
        EvalFormat.Percent(p.AccuracyB),
        $"{(p.Difference * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)} pt ({(p.DifferenceLow * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)} to {(p.DifferenceHigh * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)})",
        EvalFormat.PValue(p.PValue) + (p.Significant ? " *" : string.Empty),
        EvalFormat.PValue(p.MidPValue),
        p.Cheaper ?? "unknown",
        p.SavingPer1000 is { } s ? EvalFormat.Money(s) + (p.SavingFraction is { } f ? $" ({(f * 100).ToString("0", CultureInfo.InvariantCulture)}%)" : string.Empty) : "unknown",
    ];

    private static void WriteTables(CliContext context, EvalReport report)
    {
        context.Console.WriteLine($"run {report.Run.Name}: suite {report.Run.Suite}, scorer {report.Run.Scorer}, started {report.Run.CreatedAt}");
        var models = new Table().AddColumns(ModelHeader);
        foreach (var m in report.Models)
        {
            models.AddRow(ModelRow(m).Select(Markup.Escape).ToArray());
        }

        context.Console.Write(models);
        if (report.Pairs.Count > 0)
        {
            var pairs = new Table().Title("paired comparison on the same items (McNemar's exact test; * = p < 0.05)").AddColumns(PairHeader);
            foreach (var p in report.Pairs)
            {
                pairs.AddRow(PairRow(p).Select(Markup.Escape).ToArray());
            }

            context.Console.Write(pairs);
            foreach (var p in report.Pairs)
            {
                context.Console.WriteLine(p.Verdict);
            }
        }

        if (report.Models.Any(m => m.CostUsd is null))
        {
            context.Console.WriteLine("unknown cost: the catalog has no price for the model at the time of the call, or the provider reported no token usage (replayed recordings carry none).");
        }
    }

    private static void WriteCsv(TextWriter writer, EvalReport report)
    {
        writer.WriteLine("model,items,errors,correct,accuracy,accuracy_low,accuracy_high,cost_usd,unknown_cost_calls,cost_per_item,cost_per_1000,correct_per_dollar,mean_prompt_tokens,mean_completion_tokens,latency_p50_ms,latency_p90_ms,latency_p99_ms");
        foreach (var m in report.Models)
        {
            writer.WriteLine(string.Join(',',
                Csv(m.Model), m.Items, m.Errors, F(m.Correct), F(m.Accuracy), F(m.AccuracyLow), F(m.AccuracyHigh), D(m.CostUsd), m.UnknownCostCalls,
                D(m.CostPerItem), D(m.CostPer1000Items), F(m.CorrectPerDollar), F(m.MeanPromptTokens), F(m.MeanCompletionTokens),
                F(m.LatencyP50Ms), F(m.LatencyP90Ms), F(m.LatencyP99Ms)));
        }
    }

    private static void WriteMarkdown(TextWriter writer, EvalReport report)
    {
        writer.WriteLine($"## Run {report.Run.Name} ({report.Run.Suite}, scorer {report.Run.Scorer})");
        writer.WriteLine();
        MarkdownTable(writer, ModelHeader, report.Models.Select(ModelRow));
        if (report.Pairs.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("### Paired comparison (McNemar's exact test; * = p < 0.05)");
            writer.WriteLine();
            MarkdownTable(writer, PairHeader, report.Pairs.Select(PairRow));
            writer.WriteLine();
            foreach (var p in report.Pairs)
            {
                writer.WriteLine("- " + p.Verdict);
            }
        }
    }

    private static void MarkdownTable(TextWriter writer, string[] header, IEnumerable<string[]> rows)
    {
        writer.WriteLine("| " + string.Join(" | ", header) + " |");
        writer.WriteLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows)
        {
            writer.WriteLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }
    }

    private static string F(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string D(decimal? v) => v?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Csv(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal)
        ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : s;
}
