using System.CommandLine;
using System.Globalization;
using Parity.Routing;

namespace Parity.Cli.Commands;

/// <summary>
/// <c>parity route pairs</c>: the same held-out evaluation as <c>route eval</c> for every strong × weak pair of two
/// lists, one row per pair, and how many pairs beat the random router with an interval that excludes it, set
/// against how many would by chance (2.5% of the pairs, one-sided), so a pair reported elsewhere is not a
/// silent pick of the best of many.
/// </summary>
internal static class RoutePairsCommand
{
    public static Command Create(CliContext context)
    {
        var options = new RouteOptions(modelLists: true);
        var folds = new Option<int>("--folds") { Description = "k-fold cross-validation by item", DefaultValueFactory = _ => 5 };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap rounds per pair for the 95% intervals", DefaultValueFactory = _ => 1000 };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("pairs", "Evaluate a router kind on every strong × weak pair of two model lists (k-fold, held out) and count the pairs that beat the random router: APGR interval above 0.5 and paired gain over random above 0.");
        options.AddTo(command);
        command.Options.Add(folds);
        command.Options.Add(bootstrap);
        command.Options.Add(format);
        CliAction.Set(command, context, parse =>
        {
            var k = parse.GetValue(folds);
            var rounds = parse.GetValue(bootstrap);
            if (k < 2 || rounds < 1)
            {
                throw new ParityException("--folds must be at least 2 and --bootstrap at least 1.");
            }

            var data = OutcomeLoader.Load(parse.GetValue(options.Data)!, parse.GetValue(options.Contaminated));
            var strong = Names(data, parse.GetValue(options.Strong)!, "--strong");
            var weak = Names(data, parse.GetValue(options.Weak)!, "--weak");
            var pairs = strong.SelectMany(s => weak.Where(w => w != s).Select(w => (Strong: s, Weak: w))).ToList();
            var training = options.Training(parse);
            var progress = ProgressLine.Create(context);
            var results = new List<RouteEvalResult>();
            foreach (var (s, w) in pairs)
            {
                progress?.Show($"pair {results.Count + 1}/{pairs.Count}: {s} vs {w}");
                results.Add(RouteEvaluator.Run(data, s, w, new RouteEvalOptions { Training = training, Folds = k, BootstrapRounds = rounds, Seed = parse.GetValue(options.Seed) }));
            }

            progress?.Clear();
            var beating = results.Count(Beats);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, new RoutePairsJson(data.Source, results.Count, beating, results.Count * 0.025, results.Select(Row).ToList()));
                return 0;
            }

            var table = new PlainTable("strong", "weak", "strong %", "weak %", "APGR", "95% CI", "CPT(50%)", "over random", "95% CI").RightAlign(2, 3, 4, 5, 6, 7, 8);
            foreach (var r in results)
            {
                var m = r.Routers[0];
                table.AddRow(r.Strong, r.Weak, P(r.StrongQuality), P(r.WeakQuality), A(m.Apgr.Value), $"{A(m.Apgr.Low)}–{A(m.Apgr.High)}{(Beats(r) ? " *" : "")}", P(m.Cpt50.Value), A(r.ApgrOverRandom.Value), $"{A(r.ApgrOverRandom.Low)} to {A(r.ApgrOverRandom.High)}");
            }

            context.Writer.WriteLine($"{data.Source}: {training.Kind.ToString().ToLowerInvariant()} router, {k}-fold by item, {rounds:N0} bootstrap rounds per pair (seed {parse.GetValue(options.Seed)})");
            table.Write(context.Writer);
            context.Writer.WriteLine($"{beating} of {results.Count} pairs (*) beat the random router: APGR interval above 0.5 and the paired APGR-over-random interval above 0; by chance alone about {(results.Count * 0.025).ToString("0.#", CultureInfo.InvariantCulture)} would.");
            return 0;
        });
        return command;
    }

    /// <summary>Both intervals exclude the random router: the APGR interval lies above 0.5 and the paired gain over random above 0.</summary>
    private static bool Beats(RouteEvalResult r) => r.Routers[0].Apgr.Low > 0.5 && r.ApgrOverRandom.Low > 0;

    private static string P(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string A(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    private static List<string> Names(OutcomeSet data, string list, string option)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => data.Models[data.IndexOf(n, option)]).Distinct().ToList();
        return names.Count > 0 ? names : throw new ParityException($"{option} names no model.");
    }

    private static RoutePairJson Row(RouteEvalResult r) => new(r.Strong, r.Weak, r.StrongQuality, r.WeakQuality, r.Items, r.Routers[0].Apgr, r.Routers[0].Cpt50, r.Routers[0].Cpt80, r.ApgrOverRandom, Beats(r));
}
