using System.CommandLine;
using Parity.Routing;

namespace Parity.Cli.Commands;

/// <summary><c>parity route train</c>: trains a router on all items of the data and writes router.json.</summary>
internal static class RouteTrainCommand
{
    public static Command Create(CliContext context)
    {
        var options = new RouteOptions();
        var output = new Option<string>("--out") { Description = "Where to write the router file (JSON)", DefaultValueFactory = _ => "router.json" };
        var calibrationFolds = new Option<int>("--calibration-folds")
        {
            Description = "Also store the distribution of the router's scores on prompts it did not see (k-fold, out of fold), which a gateway route's 'strongShare' turns into a threshold; 0 = none",
            DefaultValueFactory = _ => 5,
        };
        var command = new Command("train", "Train a router on every item of the data (contaminated prompts dropped) and write it as a versioned JSON file for the gateway's 'learned' route policy. Measure it first with 'parity route eval'.");
        options.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(calibrationFolds);
        CliAction.Set(command, context, parse =>
        {
            var data = OutcomeLoader.Load(parse.GetValue(options.Data)!, parse.GetValue(options.Contaminated));
            var s = data.IndexOf(parse.GetValue(options.Strong)!, "--strong");
            var w = data.IndexOf(parse.GetValue(options.Weak)!, "--weak");
            if (s == w)
            {
                throw new ParityException($"{data.Source}: --strong and --weak name the same model ({data.Models[s]}).");
            }

            var training = options.Training(parse);
            if (training.Kind == RouterKind.Knn)
            {
                throw new ParityException("--router knn is measured by 'route eval' and 'route pairs' only: it keeps the training prompts and is not written to a router file; train mf or logreg.");
            }

            var items = training.Kind == RouterKind.Mf ? data.Items : data.Paired(s, w);
            var folds = parse.GetValue(calibrationFolds);
            if (folds is < 0 or 1)
            {
                throw new ParityException($"--calibration-folds must be 0 (none) or at least 2 (got {folds}).");
            }

            var progress = ProgressLine.Create(context);
            progress?.Show($"training on {items.Count:N0} items");
            var router = RouterTrainer.Train(data.Models, items, data.Models[s], data.Models[w], training);
            var calibration = folds == 0 ? null : RouterCalibration.OutOfFold(data.Models, items, data.Models[s], data.Models[w], training, folds, progress is null ? null : progress.Show);
            progress?.Clear();
            var path = parse.GetValue(output)!;
            RouterFile.Save(path, router, data, items.Count, training, DateTimeOffset.UtcNow, calibration);
            var dropped = data.ContaminationList is null ? "no contamination list" : $"{data.DroppedContaminated} contaminated prompts dropped ({Path.GetFileName(data.ContaminationList)})";
            context.Writer.WriteLine($"trained {training.Kind.ToString().ToLowerInvariant()} router {data.Models[s]} (strong) vs {data.Models[w]} (weak) on {items.Count:N0} items, {router.Models.Count} models; {dropped}; {(calibration is null ? "no score calibration" : "scores calibrated on " + calibration.Method)}; wrote {path}");
            return 0;
        });
        return command;
    }
}
