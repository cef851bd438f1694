using System.CommandLine;
using System.Globalization;
using Parity.Arena;
using Parity.Catalog;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary><c>parity arena history</c>: the best model per group on each published LMArena leaderboard.</summary>
internal static class ArenaHistoryCommand
{
    public static Command Create(CliContext context)
    {
        var board = new Option<string>("--board") { Description = "text (raw scores) or text-style-control (lmarena.ai's default view)", DefaultValueFactory = _ => LeaderboardHistory.TextBoard };
        board.AcceptOnlyFromAmong(LeaderboardHistory.TextBoard, LeaderboardHistory.StyleControlBoard);
        var from = new Option<DateOnly?>("--from") { Description = "First snapshot date (YYYY-MM-DD)" };
        var to = new Option<DateOnly?>("--to") { Description = "Last snapshot date (YYYY-MM-DD, inclusive)" };
        var by = new Option<string>("--by") { Description = "Group models by origin (the organization's country), openness (open or closed weights, from the licence) or vendor (organization)", DefaultValueFactory = _ => "origin" };
        by.AcceptOnlyFromAmong("origin", "openness", "vendor");
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        var command = new Command("history", "LMArena's published leaderboards over time (shipped snapshots and those parity update stored in --db, one source per date): the best model of each group on each date, and how far it is behind the leader.")
        {
            board, from, to, by, format,
        };

        CliAction.Set(command, context, parse =>
        {
            var history = HistoryLoader.Load(parse);
            var fromDate = parse.GetValue(from);
            var toDate = parse.GetValue(to);
            var grouping = parse.GetValue(by)!;
            var snapshots = history.Snapshots(parse.GetValue(board)!)
                .Where(s => (fromDate is null || s.Date >= fromDate) && (toDate is null || s.Date <= toDate))
                .ToList();
            if (snapshots.Count == 0)
            {
                throw new ParityException("no snapshot in that date range.");
            }

            var rows = snapshots.SelectMany(s => BestPerGroup(s, grouping)).ToList();
            switch (parse.GetValue(format))
            {
                case OutputFormat.Json:
                    CliJson.Write(context.Writer, rows);
                    break;
                case OutputFormat.Csv:
                    WriteCsv(context.Writer, rows);
                    break;
                default:
                    WriteTable(context, rows, snapshots);
                    break;
            }

            return 0;
        });
        return command;
    }

    internal static IEnumerable<ArenaHistoryRow> BestPerGroup(LeaderboardSnapshot snapshot, string grouping)
    {
        if (snapshot.Entries.Count == 0)
        {
            yield break;
        }

        var leader = snapshot.Entries[0].Rating;
        var groups = snapshot.Entries
            .GroupBy(e => GroupOf(e, grouping))
            .Select(g => g.MaxBy(e => e.Rating)!)
            .OrderByDescending(e => e.Rating);
        foreach (var e in groups)
        {
            yield return new ArenaHistoryRow(
                snapshot.Date, snapshot.Board, GroupOf(e, grouping), e.ModelKey, e.DisplayName, e.Rating, e.Lower, e.Upper, e.Votes,
                e.Organization, e.Country, e.OpenWeights, leader - e.Rating, snapshot.Source, snapshot.Method);
        }
    }

    private static string GroupOf(LeaderboardEntry entry, string grouping) => grouping switch
    {
        "openness" => entry.OpenWeights switch { true => "open", false => "closed", null => "unknown" },
        "vendor" => entry.Organization ?? "unknown",
        _ => entry.Country ?? "unknown",
    };

    private static string F(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    private static void WriteCsv(TextWriter writer, List<ArenaHistoryRow> rows)
    {
        writer.WriteLine("date,board,group,model_key,model,rating,lower,upper,votes,organization,country,open_weights,behind_leader,source,method");
        foreach (var r in rows)
        {
            string[] fields =
            [
                r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Board, r.Group, r.ModelKey, r.Model, F(r.Rating), F(r.Lower), F(r.Upper),
                r.Votes?.ToString(CultureInfo.InvariantCulture) ?? "", r.Organization ?? "", r.Country ?? "",
                r.OpenWeights is { } open ? (open ? "true" : "false") : "", F(r.BehindLeader), r.Source, r.Method,
            ];
            writer.WriteLine(string.Join(',', fields.Select(f => f.Contains(',') || f.Contains('"') ? "\"" + f.Replace("\"", "\"\"") + "\"" : f)));
        }
    }

    private static void WriteTable(CliContext context, List<ArenaHistoryRow> rows, List<LeaderboardSnapshot> snapshots)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("Date");
        table.AddColumn("Group");
        table.AddColumn("Best model");
        table.AddColumn("Organization");
        table.AddColumn(new TableColumn("Score").RightAligned());
        table.AddColumn(new TableColumn("95% CI").RightAligned());
        table.AddColumn(new TableColumn("Votes").RightAligned());
        table.AddColumn(new TableColumn("Behind #1").RightAligned());
        DateOnly? previous = null;
        foreach (var r in rows)
        {
            var ci = r.Lower is { } lo && r.Upper is { } up ? $"{F(lo)}–{F(up)}" : "";
            table.AddRow(
                r.Date == previous ? "" : r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Markup.Escape(r.Group),
                Markup.Escape(r.Model),
                Markup.Escape(r.Organization ?? ""),
                F(r.Rating),
                ci,
                r.Votes?.ToString("N0", CultureInfo.InvariantCulture) ?? "",
                F(r.BehindLeader));
            previous = r.Date;
        }

        context.Console.Write(table);
        var sources = snapshots.GroupBy(s => s.Source.Split(':')[0]).Select(g => $"{g.Key} ({g.Min(s => s.Date):yyyy-MM-dd} – {g.Max(s => s.Date):yyyy-MM-dd})");
        context.Console.WriteLine($"{snapshots.Count} snapshots. Scores compare only within one date (anchors and methods changed between eras). Sources: {string.Join("; ", sources)}. Data: LMArena (lmarena.ai), see data/SOURCES.md.");
    }
}
