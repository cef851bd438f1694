using System.CommandLine;
using System.Globalization;
using Parity.Arena;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary><c>parity arena rate VOTES</c>: a leaderboard with 95% intervals and rank bounds from a vote file.</summary>
internal static class ArenaRateCommand
{
    public static Command Create(CliContext context)
    {
        var votes = new Argument<string>("VOTES") { Description = "Vote file: FastChat clean_battle_*.json (a JSON array), JSON Lines of the same objects, or CSV with model_a,model_b,winner" };
        var method = new Option<string>("--method") { Description = "bt: Bradley–Terry maximum likelihood (LMArena since Dec 2023); elo: online Elo in timestamp order (file order when there is none)", DefaultValueFactory = _ => "bt" };
        method.AcceptOnlyFromAmong("bt", "elo");
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap rounds for the 95% intervals (0: none)", DefaultValueFactory = _ => 100 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the bootstrap; the same seed gives the same output", DefaultValueFactory = _ => 0 };
        var sandwich = new Option<bool>("--sandwich") { Description = "Closed-form sandwich intervals (LMArena's method since July 2025) instead of the bootstrap (bt only)" };
        var anchor = new Option<string?>("--anchor") { Description = "MODEL=SCORE: shift all ratings so MODEL has SCORE (LMArena 2024: mixtral-8x7b-instruct-v0.1=1114); default mean 1000" };
        var style = new Option<bool>("--style-control") { Description = "Control for answer length and markdown (headers, lists, bold) from conv_metadata, as LMArena since Aug 2024" };
        var category = new Option<string?>("--category") { Description = "LMArena category: " + string.Join(", ", ArenaCategory.Names) };
        var language = new Option<string[]>("--language") { Description = "Keep only battles in this language (repeatable)", AllowMultipleArgumentsPerToken = true };
        var minVotes = new Option<int>("--min-votes") { Description = "Drop models with fewer battles than this (after the other filters) before fitting", DefaultValueFactory = _ => 0 };
        var from = new Option<DateOnly?>("--from") { Description = "First day (UTC, YYYY-MM-DD) of battles to keep, by tstamp" };
        var to = new Option<DateOnly?>("--to") { Description = "Last day (UTC, inclusive) of battles to keep, by tstamp" };
        var includeNamed = new Option<bool>("--include-named") { Description = "Also use battles where the model names were shown (anony false); LMArena uses anonymous battles only" };
        var keepDuplicates = new Option<bool>("--keep-duplicates") { Description = "Also use rows LMArena's prompt de-duplication left out (dedup_tag.sampled false)" };
        var k = new Option<double>("--elo-k") { Description = "Online Elo step size K", DefaultValueFactory = _ => 4 };
        var matrix = new Option<bool>("--matrix") { Description = "Add predicted and observed win rates for every pair of models" };
        var inputFormat = new Option<string>("--input-format") { Description = "auto, json (one array), jsonl, csv", DefaultValueFactory = _ => "auto" };
        inputFormat.AcceptOnlyFromAmong("auto", "json", "jsonl", "csv");
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);

        var command = new Command("rate", "Rate models from pairwise votes: rank, rank bounds, score, 95% interval and votes per model.")
        {
            votes, method, bootstrap, seed, sandwich, anchor, style, category, language, minVotes, from, to, includeNamed, keepDuplicates, k, matrix, inputFormat, format,
        };

        CliAction.Set(command, context, (parse, cancellationToken) =>
        {
            var path = parse.GetValue(votes)!;
            var isElo = parse.GetValue(method) == "elo";
            var (anchorModel, anchorScore) = ParseAnchor(parse.GetValue(anchor));
            var filter = new VoteFilter
            {
                AnonymousOnly = !parse.GetValue(includeNamed),
                DeduplicatedOnly = !parse.GetValue(keepDuplicates),
                Languages = parse.GetValue(language) ?? [],
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                Category = parse.GetValue(category),
                MinVotes = parse.GetValue(minVotes),
            };
            if (filter.From > filter.To)
            {
                throw new ParityException($"--from {filter.From:yyyy-MM-dd} is after --to {filter.To:yyyy-MM-dd}.");
            }

            var rounds = parse.GetValue(bootstrap);
            if (rounds < 0)
            {
                throw new ParityException("--bootstrap must be 0 or more.");
            }

            var options = new ArenaRatingOptions
            {
                Method = isElo ? RatingMethod.Elo : RatingMethod.BradleyTerry,
                Interval = parse.GetValue(sandwich) ? IntervalMethod.Sandwich : rounds == 0 ? IntervalMethod.None : IntervalMethod.Bootstrap,
                BootstrapRounds = rounds,
                Seed = parse.GetValue(seed),
                AnchorModel = anchorModel,
                AnchorScore = anchorScore,
                StyleControl = parse.GetValue(style),
                EloK = parse.GetValue(k),
                Matrix = parse.GetValue(matrix),
            };

            var progress = ProgressLine.Create(context);
            progress?.Show($"reading {Path.GetFileName(path)}…");
            var inputKind = parse.GetValue(inputFormat) switch
            {
                "json" => VoteFileFormat.Json,
                "jsonl" => VoteFileFormat.JsonLines,
                "csv" => VoteFileFormat.Csv,
                _ => VoteFileFormat.Auto,
            };
            var loaded = VoteLoader.Load(path, inputKind, filter, keepSequence: isElo, keepStyle: options.StyleControl, cancellationToken);
            progress?.Show($"fitting {loaded.Table.Models.Count} models on {loaded.Table.TotalVotes:N0} votes…");
            var board = ArenaRater.Rate(loaded, options, progress is null ? null : new Progress<int>(done => progress.Show($"bootstrap {done}/{rounds}")), cancellationToken);
            progress?.Clear();

            switch (parse.GetValue(format))
            {
                case OutputFormat.Json:
                    CliJson.Write(context.Writer, ArenaRatingJson.From(board));
                    WriteCoefficientsNote(context, board);
                    break;
                case OutputFormat.Csv:
                    WriteCsv(context.Writer, board);
                    WriteCoefficientsNote(context, board);
                    break;
                default:
                    WriteTable(context, board, loaded);
                    break;
            }

            return Task.FromResult(0);
        });
        return command;
    }

    private static (string? Model, double Score) ParseAnchor(string? anchor)
    {
        if (string.IsNullOrWhiteSpace(anchor))
        {
            return (null, 0);
        }

        var at = anchor.LastIndexOf('=');
        if (at <= 0 || !double.TryParse(anchor.AsSpan(at + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
        {
            throw new ParityException($"--anchor '{anchor}': expected MODEL=SCORE, e.g. mixtral-8x7b-instruct-v0.1=1114.");
        }

        return (anchor[..at].Trim(), score);
    }

    private static string F(double? value, string format = "F1") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    private static void WriteCsv(TextWriter writer, ArenaLeaderboard board)
    {
        if (board.Matrix is { } matrix)
        {
            writer.WriteLine("model,opponent,predicted,observed,battles");
            foreach (var row in matrix)
            {
                writer.WriteLine($"{Csv(row.Model)},{Csv(row.Opponent)},{F(row.Predicted, "F4")},{F(row.Observed, "F4")},{row.Battles}");
            }

            return;
        }

        writer.WriteLine("rank,rank_best,rank_worst,model,rating,lower,upper,votes");
        foreach (var r in board.Ratings)
        {
            writer.WriteLine($"{r.Rank},{r.RankBest},{r.RankWorst},{Csv(r.Model)},{F(r.Rating, "F4")},{F(r.Lower, "F4")},{F(r.Upper, "F4")},{r.Votes}");
        }
    }

    private static string Csv(string value) => value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static void WriteCoefficientsNote(CliContext context, ArenaLeaderboard board)
    {
        if (board.StyleCoefficients is { } coefficients)
        {
            context.Error.WriteLine("style coefficients (log-odds per SD): " + string.Join(", ", coefficients.Select(c => $"{c.Feature} {c.Value.ToString("F4", CultureInfo.InvariantCulture)}")));
        }
    }

    private static void WriteTable(CliContext context, ArenaLeaderboard board, VoteSet votes)
    {
        var console = context.Console;
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("Rank").RightAligned());
        table.AddColumn(new TableColumn("Rank (UB)").RightAligned());
        table.AddColumn(new TableColumn("Range").RightAligned());
        table.AddColumn("Model");
        table.AddColumn(new TableColumn("Score").RightAligned());
        table.AddColumn(new TableColumn("95% CI").RightAligned());
        table.AddColumn(new TableColumn("Votes").RightAligned());
        foreach (var r in board.Ratings)
        {
            var ci = r.Lower is { } lo && r.Upper is { } up
                ? $"+{(up - r.Rating).ToString("F0", CultureInfo.InvariantCulture)}/-{(r.Rating - lo).ToString("F0", CultureInfo.InvariantCulture)}"
                : "";
            table.AddRow(
                r.Rank.ToString(CultureInfo.InvariantCulture),
                r.RankBest?.ToString(CultureInfo.InvariantCulture) ?? "",
                r.RankBest is { } best ? $"{best}–{r.RankWorst}" : "",
                Markup.Escape(r.Model),
                r.Rating.ToString("F1", CultureInfo.InvariantCulture),
                ci,
                r.Votes.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        var method = board.Method == RatingMethod.Elo ? "online Elo (K as given, base 10, scale 400)" : board.StyleCoefficients is null ? "Bradley–Terry MLE" : "Bradley–Terry MLE with style control";
        var interval = board.Interval switch
        {
            IntervalMethod.Bootstrap => $"95% CI: bootstrap, {board.BootstrapRounds} rounds (2.5/97.5 percentiles)",
            IntervalMethod.Sandwich => "95% CI: sandwich estimate",
            _ => "no intervals (--bootstrap 0)",
        };
        console.WriteLine($"{method}; {interval}. {votes.Table.TotalVotes:N0} votes, {votes.Table.Models.Count} models from {votes.Stats.Read:N0} rows ({VoteLoader.Describe(votes.Stats)}).");
        if (board.MaxGradient is { } gradient)
        {
            console.WriteLine($"Converged in {board.Iterations} Newton steps; largest log-likelihood gradient {gradient.ToString("G2", CultureInfo.InvariantCulture)}.");
        }

        if (board.StyleCoefficients is { } coefficients)
        {
            var styleTable = new Table().Border(TableBorder.Simple).Title("Style coefficients (log-odds per standard deviation)");
            styleTable.AddColumn("Feature");
            styleTable.AddColumn(new TableColumn("β").RightAligned());
            styleTable.AddColumn(new TableColumn("95% CI").RightAligned());
            foreach (var c in coefficients)
            {
                styleTable.AddRow(c.Feature, F(c.Value, "F4"), c.Lower is null ? "" : Markup.Escape($"[{F(c.Lower, "F4")}, {F(c.Upper, "F4")}]"));
            }

            console.Write(styleTable);
        }

        if (board.Matrix is { } matrix)
        {
            WriteMatrix(console, board, matrix);
        }
    }

    private static void WriteMatrix(IAnsiConsole console, ArenaLeaderboard board, IReadOnlyList<PairwiseWinRate> matrix)
    {
        const int shown = 12;
        var models = board.Ratings.Take(shown).Select(r => r.Model).ToList();
        var lookup = matrix.ToDictionary(r => (r.Model, r.Opponent));
        var grid = new Table().Border(TableBorder.Simple)
            .Title($"Win rate of row over column: predicted / observed{(board.Ratings.Count > shown ? $" (top {shown}; --format json or csv for all)" : "")}");
        grid.AddColumn("");
        foreach (var m in models)
        {
            grid.AddColumn(new TableColumn(Markup.Escape(m)).RightAligned());
        }

        foreach (var a in models)
        {
            var cells = new List<string> { Markup.Escape(a) };
            foreach (var b in models)
            {
                cells.Add(a == b ? "" : lookup[(a, b)] is var w ? $"{F(w.Predicted, "F2")} / {(w.Observed is null ? "–" : F(w.Observed, "F2"))}" : "");
            }

            grid.AddRow(cells.ToArray());
        }

        console.Write(grid);
    }
}
