using System.CommandLine;
using System.Globalization;
using System.Text;
using Parity.Claims;
using Parity.Reports;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary><c>parity report</c>: the head-to-head report on the shipped data.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var outDir = new Option<string?>("--out")
        {
            Description = "Write report.md, report.html (self-contained, charts inline), report.json and the SVG charts to this folder, and print the terminal version",
        };
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Report as of this date (yyyy-mm-dd): sections 1–4 use only snapshots on or before it (default: the newest shipped snapshot); claims are checked on the data in force on it (snapshots, prices, evidence published by then)",
        };
        var board = new Option<string>("--board")
        {
            Description = "Leaderboard: text (raw scores, the longest history, 2023→) or text-style-control (LMArena's default view, 2025→)",
            DefaultValueFactory = _ => "text",
        };
        board.AcceptOnlyFromAmong([.. ReportBuilder.BoardNames]);
        var within = new Option<double>("--within")
        {
            Description = "For \"the cheapest model within N points of the best\": N in rating points",
            DefaultValueFactory = _ => 20,
        };
        var format = new Option<string>("--format")
        {
            Description = "Output: terminal (tables and bars), md (Markdown), html (one self-contained file), json (everything, for scripts)",
            DefaultValueFactory = _ => "terminal",
        };
        format.AcceptOnlyFromAmong("terminal", "md", "html", "json");
        var claims = new Option<string?>("--claims")
        {
            Description = "Check this claims file instead of the shipped data/claims/claims.yaml",
        };

        var command = new Command("report",
            "The head-to-head report on the shipped data, no key and no network: where the race stands (US vs China, closed vs open), " +
            "whether the gap is closing, value for money, efficiency, and the shipped press claims checked. Every number cites its source file and date.")
        {
            outDir, asOf, board, within, format, claims,
        };

        HelpWithNotes.Add(command,
            "(1) Where the race stands: best US vs best Chinese model and best closed vs best open on the newest snapshot, " +
            "gap in points and as win probability 1/(1+10^(−Δ/400)). (2) Is the gap closing: the gap at every dated snapshot 2023→newest, " +
            "one source per era, 95% band from the two models' intervals. (3) Value for money: blended price (3 input : 1 output), " +
            "Pareto frontier, cheapest model within N points of the best. (4) Efficiency: MoE vs dense, active parameters vs score, " +
            "training compute and cost (Epoch AI). (5) The shipped press claims, checked.\n\n" +
            "Trend: " + Analysis.TrendEstimate.MethodText + "\n\nMonths behind: " + Analysis.FrontierLag.MethodText + "\n\nClaims: " + ClaimRule.MethodText + "\n\nHow readings combine: " + ClaimRule.RuleText);

        CliAction.Set(command, context, parseResult =>
        {
            DateOnly? date = parseResult.GetValue(asOf) is { } text
                ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? d
                    : throw new ParityException($"--as-of: expected a date yyyy-mm-dd, got '{text}'.")
                : null;
            // Prices as of the report's date where the feeds carry a price history, else today's.
            var priceDate = date is { } day ? new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) : DateTimeOffset.UtcNow;
            var inputs = ReportData.Create(ShippedHistory.From(HistoryLoader.Load(parseResult)), CatalogLoader.Load(parseResult), parseResult.GetValue(claims), priceDate);
            var report = ReportBuilder.Build(inputs, new ReportOptions(parseResult.GetValue(board)!, date, parseResult.GetValue(within)));
            var charts = ReportCharts.Render(report);
            report = report with { Charts = charts.Select(c => c.FileName).ToList() };
            var chartNames = charts.Select(c => c.FileName).ToList();
            var markdown = MarkdownReport.Render(report, chartNames);
            string Html() => HtmlReport.Render(markdown, charts.ToDictionary(c => c.FileName, c => c.Svg), $"Parity head-to-head report, {Fmt.Date(report.AsOf)}");

            if (parseResult.GetValue(outDir) is { } dir)
            {
                Directory.CreateDirectory(dir);
                var utf8 = new UTF8Encoding(false);
                File.WriteAllText(Path.Combine(dir, "report.md"), markdown, utf8);
                File.WriteAllText(Path.Combine(dir, "report.html"), Html(), utf8);
                using (var json = new StreamWriter(Path.Combine(dir, "report.json"), false, utf8))
                {
                    CliJson.Write(json, report);
                }

                foreach (var (name, svg) in charts)
                {
                    File.WriteAllText(Path.Combine(dir, name), svg, utf8);
                }
            }

            switch (parseResult.GetValue(format))
            {
                case "json":
                    CliJson.Write(context.Writer, report);
                    break;
                case "md":
                    context.Writer.Write(markdown);
                    break;
                case "html":
                    context.Writer.Write(Html());
                    break;
                default:
                    ReportConsole.Write(context.Console, report);
                    if (parseResult.GetValue(outDir) is { } written)
                    {
                        context.Console.MarkupLine($"[grey]wrote {Markup.Escape(string.Join(", ", new[] { "report.md", "report.html", "report.json" }.Concat(chartNames)))} to {Markup.Escape(written)}[/]");
                    }

                    break;
            }

            return 0;
        });
        return command;
    }
}
