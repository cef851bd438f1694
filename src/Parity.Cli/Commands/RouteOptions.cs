using System.CommandLine;
using Parity.Routing;

namespace Parity.Cli.Commands;

/// <summary>The options <c>route train</c>, <c>route eval</c> and <c>route pairs</c> share.</summary>
internal sealed class RouteOptions
{
    public Option<string> Data { get; } = new("--data")
    {
        Description = "Per-item outcomes: a RouteLLM CSV (gsm8k_responses.csv.gz, mmlu_correctness.csv.gz) or ZeroEval's GSM8K folder (questions.jsonl.gz + correctness_matrix.csv.gz)",
        Required = true,
    };

    public Option<string> Strong { get; } = new("--strong") { Description = "The strong (expensive) model: its column name, or a part of it that names one model", Required = true };

    public Option<string> Weak { get; } = new("--weak") { Description = "The weak (cheap) model", Required = true };

    public Option<string> Router { get; } = new("--router") { Description = "Router kind: mf (RouteLLM-style matrix factorisation) | logreg (logistic regression baseline) | knn (nearest neighbours; eval and pairs only)", DefaultValueFactory = _ => "mf" };

    public Option<string?> Contaminated { get; } = new("--contaminated") { Description = "A RouteLLM contamination list (JSONL with eval_prompt); by default <benchmark>_contaminated_prompts.jsonl.gz beside --data is used when present; 'none' turns it off" };

    public Option<int> Epochs { get; } = new("--epochs") { Description = "Training passes over the items", DefaultValueFactory = _ => 20 };

    public Option<double> L2 { get; } = new("--l2") { Description = "L2 penalty on the weights (higher = smoother router, less memorising of rare n-grams)", DefaultValueFactory = _ => new RouterTrainingOptions().L2 };

    public Option<double> LearningRate { get; } = new("--learning-rate") { Description = "AdaGrad step size", DefaultValueFactory = _ => new RouterTrainingOptions().LearningRate };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the initial weights, the item order, the split and the bootstrap", DefaultValueFactory = _ => 42 };

    /// <param name="modelLists">For <c>route pairs</c>: --strong and --weak take comma-separated lists of models.</param>
    public RouteOptions(bool modelLists = false)
    {
        if (modelLists)
        {
            Strong.Description = "Strong models, comma-separated (column names or unique parts of them); every strong × weak pair is evaluated";
            Weak.Description = "Weak models, comma-separated";
        }

        Router.AcceptOnlyFromAmong("mf", "logreg", "knn");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Strong);
        command.Options.Add(Weak);
        command.Options.Add(Router);
        command.Options.Add(Contaminated);
        command.Options.Add(Epochs);
        command.Options.Add(L2);
        command.Options.Add(LearningRate);
        command.Options.Add(Seed);
    }

    public RouterTrainingOptions Training(ParseResult parse)
    {
        var epochs = parse.GetValue(Epochs);
        if (epochs < 1)
        {
            throw new ParityException($"--epochs must be at least 1 (got {epochs}).");
        }

        var l2 = parse.GetValue(L2);
        var lr = parse.GetValue(LearningRate);
        if (!(l2 >= 0) || !double.IsFinite(l2) || !(lr > 0) || !double.IsFinite(lr))
        {
            throw new ParityException($"--l2 must be a finite number ≥ 0 and --learning-rate a finite number > 0 (got {l2} and {lr}).");
        }

        return new RouterTrainingOptions
        {
            L2 = l2,
            LearningRate = lr,
            Kind = parse.GetValue(Router) switch { "logreg" => RouterKind.LogReg, "knn" => RouterKind.Knn, _ => RouterKind.Mf },
            Epochs = epochs,
            Seed = parse.GetValue(Seed),
        };
    }
}
