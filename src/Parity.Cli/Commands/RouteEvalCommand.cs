using System.CommandLine;
using System.Globalization;
using Parity.Reports.Charts;
using Parity.Routing;

namespace Parity.Cli.Commands;

/// <summary><c>parity route eval</c>: held-out APGR and CPT(x%) with bootstrap intervals, against random and oracle.</summary>
internal static class RouteEvalCommand
{
    public static Command Create(CliContext context)
    {
        var options = new RouteOptions();
        var folds = new Option<int>("--folds") { Description = "k-fold cross-validation by item (every item scored by a router that never saw it); 1 = one held-out split (--test-share)", DefaultValueFactory = _ => 5 };
        var testShare = new Option<double>("--test-share") { Description = "Share of items held out when --folds is 1", DefaultValueFactory = _ => 0.3 };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap rounds over the evaluated items for the 95% intervals", DefaultValueFactory = _ => 1000 };
        var svg = new Option<string?>("--svg") { Description = "Also write the quality-vs-cost curve as SVG to this file" };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("eval", "Measure a router kind on unseen items: the quality-vs-cost curve (strong-call share 0 → 100%), APGR and CPT(50/80/95%) for the router, the random router and the oracle, with bootstrap 95% intervals.");
        options.AddTo(command);
        command.Options.Add(folds);
        command.Options.Add(testShare);
        command.Options.Add(bootstrap);
        command.Options.Add(svg);
        command.Options.Add(format);
        CliAction.Set(command, context, parse =>
        {
            var k = parse.GetValue(folds);
            var share = parse.GetValue(testShare);
            var rounds = parse.GetValue(bootstrap);
            if (k < 1 || share is <= 0 or >= 1 || rounds < 0)
            {
                throw new ParityException("--folds must be at least 1, --test-share between 0 and 1, --bootstrap at least 0.");
            }

            var data = OutcomeLoader.Load(parse.GetValue(options.Data)!, parse.GetValue(options.Contaminated));
            var progress = ProgressLine.Create(context);
            var result = RouteEvaluator.Run(data, parse.GetValue(options.Strong)!, parse.GetValue(options.Weak)!, new RouteEvalOptions
            {
                Training = options.Training(parse),
                Folds = k,
                TestShare = share,
                BootstrapRounds = rounds,
                Seed = parse.GetValue(options.Seed),
            }, progress is null ? null : progress.Show);
            progress?.Clear();
            result = result with { Published = PublishedRouterFigures.ForBenchmark(result.Benchmark) };
            var svgPath = parse.GetValue(svg);
            if (svgPath is not null)
            {
                File.WriteAllText(svgPath, RouteCurveChart.Render(result));
            }

            if (parse.GetValue(format) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, result);
            }
            else
            {
                WriteTable(context.Writer, result);
                if (svgPath is not null)
                {
                    context.Writer.WriteLine($"curve written to {svgPath}");
                }
            }

            return 0;
        });
        return command;
    }

    private static void WriteTable(TextWriter writer, RouteEvalResult r)
    {
        static string P(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        static string A(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        static string Ci(MetricEstimate m, Func<double, string> f) => m.Low == m.High ? "" : $"{f(m.Low)}–{f(m.High)}";
        writer.WriteLine($"{r.Strong} (strong, {P(r.StrongQuality)}) vs {r.Weak} (weak, {P(r.WeakQuality)}); {r.RouterKind} router");
        writer.WriteLine($"{r.Source}: {r.Items:N0} items with both models, {r.EvaluatedItems:N0} evaluated; {r.Split}; {r.BootstrapRounds:N0} bootstrap rounds");
        writer.WriteLine(r.ContaminationList is null
            ? "contamination: no list applied"
            : $"contamination: {r.DroppedContaminated} prompts dropped as listed in {r.ContaminationList}");
        writer.WriteLine();
        var table = new PlainTable("router", "APGR", "95% CI", "CPT(50%)", "95% CI", "CPT(80%)", "95% CI", "CPT(95%)", "95% CI").RightAlign(1, 2, 3, 4, 5, 6, 7, 8);
        foreach (var m in r.Routers)
        {
            table.AddRow(m.Router, A(m.Apgr.Value), Ci(m.Apgr, A), P(m.Cpt50.Value), Ci(m.Cpt50, P), P(m.Cpt80.Value), Ci(m.Cpt80, P), P(m.Cpt95.Value), Ci(m.Cpt95, P));
        }

        table.Write(writer);
        writer.WriteLine($"APGR over random (paired, same resample): {A(r.ApgrOverRandom.Value)} (95% CI {A(r.ApgrOverRandom.Low)} to {A(r.ApgrOverRandom.High)}){(r.ApgrOverRandom.Low > 0 ? "; the interval excludes the random router" : "; the interval does not exclude the random router")}");
        writer.WriteLine();
        var curve = new PlainTable("strong calls", r.RouterKind, "95% CI", "random", "oracle").RightAlign(0, 1, 2, 3, 4);
        foreach (var p in r.Curve.Where((_, i) => i % 2 == 0))
        {
            curve.AddRow(P(p.StrongShare), P(p.Router), $"{P(p.RouterLow)}–{P(p.RouterHigh)}", P(p.Random), P(p.Oracle));
        }

        curve.Write(writer);
        WritePublished(writer, r);
    }

    /// <summary>RouteLLM's published figures for the same benchmark, one row per router and training set, beside this run's.</summary>
    private static void WritePublished(TextWriter writer, RouteEvalResult r)
    {
        if (r.Published.Count == 0)
        {
            return;
        }

        var first = r.Published[0];
        writer.WriteLine();
        writer.WriteLine($"Published by RouteLLM on {r.Benchmark.ToUpperInvariant()} ({first.Source}; {first.Url}), {first.Strong} vs {first.Weak}:");
        var table = new PlainTable("router", "trained on", "APGR", "CPT(50%)", "CPT(80%)").RightAlign(2, 3, 4);
        foreach (var group in r.Published.GroupBy(f => (f.Router, f.Training)))
        {
            string Of(string metric) => group.FirstOrDefault(f => f.Metric == metric)?.AsPublished ?? "";
            table.AddRow(group.Key.Router, group.Key.Training, Of("APGR"), Of("CPT(50%)"), Of("CPT(80%)"));
        }

        var mine = r.Routers[0];
        table.AddRow($"{r.RouterKind} (this run)", "other items of the same benchmark (held out)", mine.Apgr.Value.ToString("0.000", CultureInfo.InvariantCulture),
            (mine.Cpt50.Value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%", (mine.Cpt80.Value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%");
        table.Write(writer);
        var best = r.Published.Where(f => f.Metric == "APGR" && f.Router != "random").MaxBy(f => f.Value)!;
        var verdict = mine.Apgr.Low > best.Value ? "above it (the 95% interval excludes it)"
            : mine.Apgr.High < best.Value ? "below it (the 95% interval excludes it)"
            : "not distinguishable from it (the 95% interval contains it)";
        writer.WriteLine($"Best published APGR: {best.Router} trained on {best.Training}, {best.AsPublished}; this run's {mine.Apgr.Value.ToString("0.000", CultureInfo.InvariantCulture)} is {verdict}.");
        writer.WriteLine(r.PublishedSamePair
            ? "Settings differ: RouteLLM trained on Chatbot Arena preferences (plus augmentation) and evaluated on the whole benchmark, sampling APGR at 10 points; Parity trains on other items of the same benchmark and scores held-out items at every strong-call count."
            : $"Not the same pair: the published figures are for {first.Strong} vs {first.Weak}; read them as context only.");
    }
}
