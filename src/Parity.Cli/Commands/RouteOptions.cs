using System.CommandLine;
using Parity.Routing;

namespace Parity.Cli.Commands;

/// <summary>The options <c>route train</c> and <c>route eval</c> share.</summary>
internal sealed class RouteOptions
{
    public Option<string> Data { get; } = new("--data")
    {
        Description = "Per-item outcomes: a RouteLLM CSV (gsm8k_responses.csv.gz, mmlu_correctness.csv.gz) or ZeroEval's GSM8K folder (questions.jsonl.gz + correctness_matrix.csv.gz)",
        Required = true,
    };

    public Option<string> Strong { get; } = new("--strong") { Description = "The strong (expensive) model: its column name, or a part of it that names one model", Required = true };

    public Option<string> Weak { get; } = new("--weak") { Description = "The weak (cheap) model", Required = true };

    public Option<string> Router { get; } = new("--router") { Description = "Router kind: mf (RouteLLM-style matrix factorisation) | logreg (logistic regression baseline)", DefaultValueFactory = _ => "mf" };

    public Option<string?> Contaminated { get; } = new("--contaminated") { Description = "A RouteLLM contamination list (JSONL with eval_prompt); by default <benchmark>_contaminated_prompts.jsonl.gz beside --data is used when present; 'none' turns it off" };

    public Option<int> Epochs { get; } = new("--epochs") { Description = "Training passes over the items", DefaultValueFactory = _ => 20 };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the initial weights, the item order, the split and the bootstrap", DefaultValueFactory = _ => 42 };

    public RouteOptions()
    {
        Router.AcceptOnlyFromAmong("mf", "logreg");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Strong);
        command.Options.Add(Weak);
        command.Options.Add(Router);
        command.Options.Add(Contaminated);
        command.Options.Add(Epochs);
        command.Options.Add(Seed);
    }

    public RouterTrainingOptions Training(ParseResult parse)
    {
        var epochs = parse.GetValue(Epochs);
        if (epochs < 1)
        {
            throw new ParityException($"--epochs must be at least 1 (got {epochs}).");
        }

        return new RouterTrainingOptions
        {
            Kind = parse.GetValue(Router) == "logreg" ? RouterKind.LogReg : RouterKind.Mf,
            Epochs = epochs,
            Seed = parse.GetValue(Seed),
        };
    }
}
