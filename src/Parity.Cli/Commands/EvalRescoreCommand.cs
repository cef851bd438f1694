using System.CommandLine;
using System.Text.Json;
using Parity.Evals;
using Parity.Storage;

namespace Parity.Cli.Commands;

/// <summary><c>parity eval rescore RUN</c>: scores the stored answers again, without calling any model.</summary>
internal static class EvalRescoreCommand
{
    public static Command Create(CliContext context)
    {
        var run = new Argument<string>("RUN") { Description = "The run's name" };
        var command = new Command("rescore", "Score a run's stored answers again with the suite's current scorer, without calling any model.") { run };
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            using var store = ParityStore.OpenSqlite(parse.GetValue(GlobalOptions.Db)!);
            var evalStore = new EvalStore(store);
            var info = evalStore.GetRun(parse.GetValue(run)!);
            using var settings = JsonDocument.Parse(info.Settings);
            var source = settings.RootElement.TryGetProperty("suiteSource", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : info.Suite;
            var suite = SuiteLoader.Load(source);
            var items = suite.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
            var changed = 0;
            var scores = new List<(string, string, int, double, string?)>();
            foreach (var r in evalStore.Results(info.Id).Where(r => r.Status == EvalResultRecord.Ok))
            {
                if (!items.TryGetValue(r.ItemId, out var item))
                {
                    throw new ParityException($"Run '{info.Name}' has item '{r.ItemId}', which suite '{source}' no longer has.");
                }

                var score = await suite.Scorer.ScoreAsync(item, r.Completion ?? string.Empty, cancellationToken);
                if (score.Score != r.Score || score.Extracted != r.Extracted)
                {
                    changed++;
                }

                scores.Add((r.Model, r.ItemId, r.Sample, score.Score, score.Extracted));
            }

            evalStore.UpdateScores(info.Id, scores);
            await context.Writer.WriteLineAsync($"rescored {scores.Count:N0} answers of run '{info.Name}' with {suite.Scorer.Name}; {changed:N0} changed");
            return 0;
        });
        return command;
    }
}
