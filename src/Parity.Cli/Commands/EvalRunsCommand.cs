using System.CommandLine;
using Dapper;
using Parity.Evals;
using Parity.Storage;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary><c>parity eval runs</c>: the runs in the store.</summary>
internal static class EvalRunsCommand
{
    public static Command Create(CliContext context)
    {
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("runs", "List the evaluation runs in the store: suite, models, answered calls, errors and start time.") { format };
        CliAction.Set(command, context, parse =>
        {
            using var store = ParityStore.OpenSqlite(parse.GetValue(GlobalOptions.Db)!);
            var runs = new EvalStore(store).Runs();
            var counts = store.Connection.Query<(long RunId, string Model, long Ok, long Errors)>(
                "SELECT run_id, model, SUM(CASE WHEN status = 'ok' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'ok' THEN 0 ELSE 1 END) FROM eval_results GROUP BY run_id, model")
                .ToLookup(c => c.RunId);
            var rows = runs.Select(r => new
            {
                name = r.Name,
                suite = r.Suite,
                models = counts[r.Id].Select(c => c.Model).ToList(),
                answered = counts[r.Id].Sum(c => c.Ok),
                errors = counts[r.Id].Sum(c => c.Errors),
                createdAt = r.CreatedAt,
            }).ToList();
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, rows);
                return 0;
            }

            var table = new Table().AddColumns("run", "suite", "models", "answered", "errors", "started (UTC)");
            foreach (var r in rows)
            {
                table.AddRow(Markup.Escape(r.name), Markup.Escape(r.suite), Markup.Escape(string.Join(", ", r.models)), r.answered.ToString("N0"), r.errors.ToString("N0"), Markup.Escape(r.createdAt));
            }

            context.Console.Write(table);
            return 0;
        });
        return command;
    }
}
