using System.CommandLine;

namespace Parity.Cli.Commands;

/// <summary><c>parity eval</c>: run benchmarks against models and report the results.</summary>
internal static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("eval", "Run benchmarks (GSM8K, MGSM, MMLU, CMMLU, CMATH, HumanEval, MBPP or your own JSONL) against OpenAI-compatible endpoints, count tokens and money, and compare models pairwise.");
        command.Subcommands.Add(EvalRunCommand.Create(context));
        command.Subcommands.Add(EvalReportCommand.Create(context));
        command.Subcommands.Add(EvalRescoreCommand.Create(context));
        command.Subcommands.Add(EvalRunsCommand.Create(context));
        command.Subcommands.Add(EvalSuitesCommand.Create(context));
        return command;
    }
}
