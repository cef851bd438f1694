using System.CommandLine;
using System.Globalization;
using Parity.Costs;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary><c>parity cost margin</c>: every open-weights model's list prices against its estimated serving cost.</summary>
internal static class CostMarginCommand
{
    public static Command Create(CliContext context)
    {
        var at = new Option<string?>("--at") { Description = "Read list prices at this moment (ISO 8601, default now)" };
        var origin = new Option<string?>("--origin") { Description = "Only models from this country (US, CN, FR, …)" };
        var flags = new CostCommand.ServingFlags();
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("margin", "For every open-weights model with a known architecture and a price: its estimated serving cost per million tokens (3 input : 1 output) against each provider's list price, the ratio, and a verdict — above cost (the price clears even the pessimistic cost), below cost (under even the optimistic one) or near cost — with the range from the assumptions.");
        command.Options.Add(at);
        command.Options.Add(origin);
        flags.AddTo(command);
        command.Options.Add(format);
        CliAction.Set(command, context, result =>
        {
            var catalog = CatalogLoader.Load(result);
            var report = MarginAnalysis.Run(catalog, CostData.Shipped, flags.Read(result), PricesCommand.ParseMoment(result.GetValue(at)));
            if (result.GetValue(origin) is { } country)
            {
                report = report with { Rows = report.Rows.Where(r => string.Equals(r.Origin, country, StringComparison.OrdinalIgnoreCase)).ToList() };
            }

            if (result.GetValue(format) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, report);
                return 0;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("model", "origin", "provider", "price 3:1", "cost 3:1 (range)", "price ÷ cost", "verdict");
            foreach (var row in report.Rows)
            {
                table.AddRow(
                    new Text(row.Model), new Text(row.Origin), new Text(row.Provider + (row.FirstParty ? " (maker)" : "")),
                    new Text(row.BlendedPrice.ToString("0.####", CultureInfo.InvariantCulture)),
                    new Text($"{row.BlendedCost:0.####} ({row.BlendedCostLow:0.####}–{row.BlendedCostHigh:0.####})"),
                    new Text($"{row.Ratio:0.0}× ({row.RatioLow:0.0}–{row.RatioHigh:0.0})"),
                    new Text(row.Verdict));
            }

            context.Console.Write(table);
            context.Writer.WriteLine($"{report.Rows.Select(r => r.Model).Distinct().Count()} models, {report.Rows.Count} offers; USD per million tokens; prices in force at {report.PricesAt:yyyy-MM-dd HH:mm} UTC");
            context.Writer.WriteLine("assumptions: " + string.Join("; ", report.Assumptions));
            if (report.Skipped.Count > 0)
            {
                context.Writer.WriteLine($"left out ({report.Skipped.Count}): " + string.Join("; ", report.Skipped.Select(s => s.Reason)));
            }

            return 0;
        });
        return command;
    }
}
