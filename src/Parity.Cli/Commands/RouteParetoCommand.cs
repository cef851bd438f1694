using System.CommandLine;
using System.Globalization;
using Parity.Reports.Charts;
using Parity.Routing;

namespace Parity.Cli.Commands;

/// <summary><c>parity route pareto</c>: the multi-model router's held-out cost-quality curve against every single model and cheapest-meeting.</summary>
internal static class RouteParetoCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "Per-item outcomes with a recorded cost per call: RouterBench's long JSONL (mbpp_routerbench_long.jsonl.gz)", Required = true };
        var modelsOption = new Option<string?>("--models") { Description = "Models to route between, comma-separated (column names or unique parts); default: every model of the data" };
        var folds = new Option<int>("--folds") { Description = "k-fold cross-validation by item", DefaultValueFactory = _ => 5 };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap rounds over the items for the 95% intervals", DefaultValueFactory = _ => 1000 };
        var epochs = new Option<int>("--epochs") { Description = "Training passes per model predictor", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, the item order and the bootstrap", DefaultValueFactory = _ => 42 };
        var svg = new Option<string?>("--svg") { Description = "Also write the cost-quality chart as SVG to this file" };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("pareto", "Multi-model routing: per prompt, the model with the best predicted score net of its cost; its held-out cost-quality curve against every single model, cheapest-meeting (the cheapest model meeting a score bar) and the oracle, with bootstrap 95% intervals.");
        foreach (var o in new Option[] { data, modelsOption, folds, bootstrap, epochs, seed, svg, format })
        {
            command.Options.Add(o);
        }

        CliAction.Set(command, context, parse =>
        {
            var k = parse.GetValue(folds);
            var rounds = parse.GetValue(bootstrap);
            var passes = parse.GetValue(epochs);
            if (k < 2 || rounds < 0 || passes < 1)
            {
                throw new ParityException("--folds must be at least 2, --bootstrap at least 0 and --epochs at least 1.");
            }

            var set = OutcomeLoader.Load(parse.GetValue(data)!);
            var names = parse.GetValue(modelsOption) is { } list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
                : set.Models.ToList();
            var progress = ProgressLine.Create(context);
            var result = ParetoEvaluator.Run(set, names, new RouteEvalOptions
            {
                Training = new RouterTrainingOptions { Epochs = passes, Seed = parse.GetValue(seed) },
                Folds = k,
                BootstrapRounds = rounds,
                Seed = parse.GetValue(seed),
            }, progress is null ? null : progress.Show);
            progress?.Clear();
            var svgPath = parse.GetValue(svg);
            if (svgPath is not null)
            {
                File.WriteAllText(svgPath, RouteParetoChart.Render(result));
            }

            if (parse.GetValue(format) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, result);
                return 0;
            }

            Write(context.Writer, result);
            if (svgPath is not null)
            {
                context.Writer.WriteLine($"chart written to {svgPath}");
            }

            return 0;
        });
        return command;
    }

    private static string P(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Usd(double v) => "$" + (v * 1000).ToString("0.000", CultureInfo.InvariantCulture);

    private static void Write(TextWriter writer, ParetoResult r)
    {
        writer.WriteLine($"{r.Source}: {r.Items:N0} items × {r.Models.Count} models; {r.Split}; {r.BootstrapRounds:N0} bootstrap rounds");
        writer.WriteLine($"cost: {r.CostBasis}. Costs below are USD per 1,000 calls.");
        writer.WriteLine();
        var points = new PlainTable("point", "cost / 1k calls", "quality", "95% CI").RightAlign(1, 2, 3);
        foreach (var p in r.SingleModels)
        {
            points.AddRow(p.Label, Usd(p.Cost), P(p.Quality), $"{P(p.QualityLow)}–{P(p.QualityHigh)}");
        }

        points.AddRow("oracle", Usd(r.Oracle.Cost), P(r.Oracle.Quality), $"{P(r.Oracle.QualityLow)}–{P(r.Oracle.QualityHigh)}");
        foreach (var p in r.CheapestMeeting)
        {
            points.AddRow(p.Label, Usd(p.Cost), P(p.Quality), $"{P(p.QualityLow)}–{P(p.QualityHigh)}");
        }

        foreach (var p in r.Router)
        {
            points.AddRow("router " + p.Label, Usd(p.Cost), P(p.Quality), $"{P(p.QualityLow)}–{P(p.QualityHigh)}");
        }

        points.Write(writer);
        writer.WriteLine();
        writer.WriteLine("The router within each baseline's budget (its best point costing no more), and its cheapest point at least as good:");
        var table = new PlainTable("baseline", "cost / 1k", "quality", "router cost", "router quality", "gain", "95% CI", "cost at equal quality").RightAlign(1, 2, 3, 4, 5, 6, 7);
        foreach (var c in r.Comparisons)
        {
            table.AddRow(c.Against, Usd(c.AgainstCost), P(c.AgainstQuality),
                c.RouterCost is { } rc ? Usd(rc) : "—", c.RouterQuality is { } rq ? P(rq) : "—",
                c.QualityGain is { } g ? (g.Value >= 0 ? "+" : "") + ((g.Value * 100).ToString("0.0", CultureInfo.InvariantCulture)) + " pt" : "—",
                c.QualityGain is { } gi ? $"{(gi.Low * 100).ToString("0.0", CultureInfo.InvariantCulture)} to {(gi.High * 100).ToString("0.0", CultureInfo.InvariantCulture)}" : "",
                c.CostAtEqualQuality is { } ce ? $"{Usd(ce)} ({(ce / c.AgainstCost).ToString("0.00", CultureInfo.InvariantCulture)}×)" : "none");
        }

        table.Write(writer);
        writer.WriteLine("Gains are paired bootstrap intervals over the items; the router's point is picked on the same items, so they lean optimistic.");
    }
}
