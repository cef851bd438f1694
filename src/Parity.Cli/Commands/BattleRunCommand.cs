using System.CommandLine;
using Parity.Evals;
using Parity.Providers;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary><c>parity battle run</c>.</summary>
internal static class BattleRunCommand
{
    public static Command Create(CliContext context)
    {
        var prompts = new Option<string>("--prompts") { Description = "Prompts: a .jsonl file with 'prompt' (and optional 'id') per line, or a text file with one prompt per line", Required = true };
        var a = new Option<string>("--a") { Description = "Model A as provider:model", Required = true };
        var b = new Option<string>("--b") { Description = "Model B as provider:model", Required = true };
        var judge = new Option<string>("--judge") { Description = "The judge model as provider:model; it sees the answers in both orders", Required = true };
        var output = new Option<string>("--out") { Description = "Vote file (JSON Lines, arena format: model_a, model_b, winner, tstamp, …); appended to, and prompts already in it are skipped", DefaultValueFactory = _ => "battles.jsonl" };
        var concurrency = new Option<int>("--concurrency") { Description = "Prompts in flight at once", DefaultValueFactory = _ => 8 };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N prompts" };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Output-token cap for the two models' answers" };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("run", "Both models answer every prompt; the judge compares the answers with A first and with B first, and a win counts only when both orders agree (otherwise a tie), which cancels position bias.")
        {
            prompts, a, b, judge, output, concurrency, limit, maxTokens, format,
        };
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            var all = BattlePrompt.Load(parse.GetValue(prompts)!);
            var chosen = parse.GetValue(limit) is { } n ? all.Take(n).ToList() : all;
            using var registry = new ProviderRegistry(ProviderConfigFile.LoadDefault());
            var runner = new BattleRunner(registry, EvalPricing.Create());
            var outPath = parse.GetValue(output)!;
            var result = await runner.RunAsync(chosen, parse.GetValue(a)!, parse.GetValue(b)!, parse.GetValue(judge)!, outPath, parse.GetValue(concurrency), parse.GetValue(maxTokens), cancellationToken);
            foreach (var error in result.Errors.Take(10))
            {
                await context.Error.WriteLineAsync("warning: " + error);
            }

            if (parse.GetValue(format) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, new { votes = outPath, result.Judged, result.Skipped, result.Failed, result.WinsA, result.WinsB, result.Ties, result.ConsistentOrders });
                return result.Judged == 0 && result.Failed > 0 ? 1 : 0;
            }

            var table = new Table().AddColumns("judged", "A wins", "B wins", "ties", "orders agreed", "already in file", "failed");
            table.AddRow(
                result.Judged.ToString("N0"), result.WinsA.ToString("N0"), result.WinsB.ToString("N0"), result.Ties.ToString("N0"),
                result.Judged == 0 ? "–" : $"{100.0 * result.ConsistentOrders / result.Judged:0}%", result.Skipped.ToString("N0"), result.Failed.ToString("N0"));
            context.Console.Write(table);
            context.Console.WriteLine($"votes appended to {outPath}; rate them with: parity arena rate {outPath}");
            return result.Judged == 0 && result.Failed > 0 ? 1 : 0;
        });
        return command;
    }
}
