using Parity.Claims;
using Parity.Reports;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary>The report in the terminal: Spectre tables and bars, the same numbers and sources as the files.</summary>
internal static class ReportConsole
{
    public static void Write(IAnsiConsole console, HeadToHeadReport r)
    {
        var s = r.Standing;
        console.Write(new Rule($"[bold]Parity head-to-head: Arena {(r.Board == "text" ? "text board (raw)" : "text board (style control)")}, {Fmt.Date(r.AsOf)}[/]").LeftJustified());
        console.MarkupLine($"[grey]snapshot: {Markup.Escape(s.Snapshot.Source)} ({Fmt.Date(s.Snapshot.Date)}, {Markup.Escape(s.Snapshot.Method)}, {s.Snapshot.Models} models)[/]");
        console.WriteLine();

        console.MarkupLine("[bold]1. Where the race stands[/]");
        var h2h = new Table().Border(TableBorder.Rounded)
            .AddColumn("contest").AddColumn("leader").AddColumn(new TableColumn("score [[95% CI]]").RightAligned())
            .AddColumn("challenger").AddColumn(new TableColumn("score [[95% CI]]").RightAligned())
            .AddColumn(new TableColumn("gap [[95% band]]").RightAligned()).AddColumn(new TableColumn("P(leader wins)").RightAligned());
        foreach (var h in new[] { s.UsChina, s.ClosedOpen }.OfType<HeadToHead>())
        {
            h2h.AddRow(
                Markup.Escape($"{h.FirstGroup} vs {h.SecondGroup}"),
                Markup.Escape(h.First.Key), $"{Fmt.Score(h.First.Rating)} {Markup.Escape(Fmt.Interval(h.First.Lower, h.First.Upper))}",
                Markup.Escape(h.Second.Key), $"{Fmt.Score(h.Second.Rating)} {Markup.Escape(Fmt.Interval(h.Second.Lower, h.Second.Upper))}",
                $"[bold]{Fmt.Points(h.Gap)}[/] {Markup.Escape(Fmt.Band(h.Lower, h.Upper))}", Fmt.Pct(h.WinProbability));
        }

        console.Write(h2h);
        var top = new Table().Border(TableBorder.Simple).Title($"top {s.Top.Count}")
            .AddColumn(new TableColumn("#").RightAligned()).AddColumn("model").AddColumn("organization").AddColumn("origin").AddColumn("weights")
            .AddColumn(new TableColumn("score").RightAligned()).AddColumn(new TableColumn("95% CI").RightAligned()).AddColumn(new TableColumn("blended $/Mtok").RightAligned());
        var rank = 0;
        foreach (var m in s.Top)
        {
            top.AddRow((++rank).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(m.Key), Markup.Escape(m.Organization ?? "?"), Origin(m.Country),
                Fmt.Weights(m.OpenWeights), Fmt.Score(m.Rating), Markup.Escape(Fmt.Interval(m.Lower, m.Upper)), Fmt.Usd(m.BlendedPrice));
        }

        console.Write(top);
        console.WriteLine();

        console.MarkupLine("[bold]2. Is the gap closing?[/] (best US − best Chinese model, last snapshot of each quarter)");
        var uc = r.Gap.UsChina;
        var chart = new BarChart().Width(Math.Min(100, console.Profile.Width - 4));
        foreach (var p in uc.Points.GroupBy(p => (p.Date.Year, (p.Date.Month - 1) / 3)).Select(g => g.MaxBy(p => p.Date)!))
        {
            chart.AddItem($"{Fmt.Date(p.Date)} {p.FirstModel} vs {p.SecondModel}", Math.Round(p.Gap, 1), p.Gap >= 0 ? Color.Blue : Color.Red);
        }

        console.Write(chart);
        console.MarkupLine(Markup.Escape(Plain(MarkdownReport.TrendSentence("Trend, whole series", uc.Trend))));
        console.MarkupLine(Markup.Escape(Plain(MarkdownReport.TrendSentence("Trend, last 12 months", uc.TrendLast12Months))));
        console.MarkupLine(Markup.Escape(Plain(MarkdownReport.LagSentence(r.Gap.ChinaLag))));
        console.MarkupLine(Markup.Escape(Plain(MarkdownReport.TrendSentence("Closed − open gap trend", r.Gap.ClosedOpen.Trend))));
        console.MarkupLine(Markup.Escape(Plain(MarkdownReport.LagSentence(r.Gap.OpenLag, "open-weights", "closed"))));
        if (uc.Holes.Count > 0)
        {
            console.MarkupLine("[grey]holes: " + Markup.Escape(string.Join("; ", uc.Holes.Select(h => $"{Fmt.Date(h.From)} → {Fmt.Date(h.To)}"))) + "[/]");
        }

        console.WriteLine();
        console.MarkupLine($"[bold]3. Value for money[/] [grey]({Markup.Escape(r.Value.Blend)}; {r.Value.PricedModels} of {r.Value.RatedModels} models priced)[/]");
        if (r.Value.CheapestWithin is { } cheap && r.Value.Best is { } best)
        {
            console.MarkupLine($"Cheapest within {Fmt.Num(r.Value.Within, "0.#")} points of {Markup.Escape(best.Key)} ({Fmt.Score(best.Rating)}): [bold]{Markup.Escape(cheap.Key)}[/] {Fmt.Score(cheap.Rating)} at {Fmt.Usd(cheap.BlendedPrice)}/Mtok [grey]({Markup.Escape(cheap.PriceSource ?? "")})[/]");
        }

        var frontier = new Table().Border(TableBorder.Simple).Title("Pareto frontier, cheapest first")
            .AddColumn("model").AddColumn("origin").AddColumn("weights").AddColumn(new TableColumn("score").RightAligned())
            .AddColumn(new TableColumn("in $/Mtok").RightAligned()).AddColumn(new TableColumn("out $/Mtok").RightAligned()).AddColumn(new TableColumn("blended").RightAligned()).AddColumn("price source");
        foreach (var m in r.Value.Frontier)
        {
            frontier.AddRow(Markup.Escape(m.Key), Origin(m.Country), Fmt.Weights(m.OpenWeights), Fmt.Score(m.Rating), Fmt.Usd(m.InputPrice), Fmt.Usd(m.OutputPrice), Fmt.Usd(m.BlendedPrice), Markup.Escape(m.PriceSource ?? ""));
        }

        console.Write(frontier);
        if (r.Value.FlagshipRatios.Count > 0)
        {
            var ratios = new Table().Border(TableBorder.Simple).Title("flagship price ratios")
                .AddColumn("US flagship").AddColumn("Chinese flagship").AddColumn(new TableColumn("price ratio").RightAligned()).AddColumn(new TableColumn("score gap").RightAligned());
            foreach (var p in r.Value.FlagshipRatios)
            {
                ratios.AddRow(Markup.Escape(p.Dearer.Key), Markup.Escape(p.Cheaper.Key), Fmt.Num(p.Ratio, "0.0") + "×", Fmt.Points(p.RatingGap));
            }

            console.Write(ratios);
        }

        console.MarkupLine("[bold]4. Efficiency[/]");
        var eff = new Table().Border(TableBorder.Simple).Title("open-weights models with a published architecture")
            .AddColumn("model").AddColumn("origin").AddColumn("arch").AddColumn(new TableColumn("total").RightAligned()).AddColumn(new TableColumn("active").RightAligned()).AddColumn(new TableColumn("score").RightAligned());
        foreach (var row in r.Efficiency.OpenModels)
        {
            eff.AddRow(Markup.Escape(row.Model.Key), Origin(row.Model.Country), row.Kind == "moe" ? "MoE" : "dense", Fmt.Params(row.TotalParamsB), Fmt.Params(row.ActiveParamsB), Fmt.Score(row.Model.Rating));
        }

        console.Write(eff);
        if (r.Efficiency.Training.Count > 0)
        {
            var training = new Table().Border(TableBorder.Simple).Title("training compute and cost (Epoch AI)")
                .AddColumn("model").AddColumn("origin").AddColumn(new TableColumn("FLOP").RightAligned()).AddColumn("hardware").AddColumn(new TableColumn("GPU-hours").RightAligned()).AddColumn(new TableColumn("cost").RightAligned());
            foreach (var t in r.Efficiency.Training)
            {
                training.AddRow(Markup.Escape(t.Model), Origin(t.Country), Fmt.Sci(t.Fact.ComputeFlop), Markup.Escape(t.Fact.Hardware ?? "–"),
                    t.Fact.GpuHours is { } gh ? Fmt.Num(gh / 1e6, "0.###") + "M" : "–", Fmt.Usd(t.Fact.CostUsd));
            }

            console.Write(training);
        }

        if (r.Efficiency.ServingCost is { Count: > 0 } serving)
        {
            var margin = new Table().Border(TableBorder.Simple).Title("list price vs serving cost (USD per M tokens, 3:1; parity cost margin)")
                .AddColumn("model").AddColumn("provider").AddColumn(new TableColumn("price").RightAligned()).AddColumn(new TableColumn("cost (range)").RightAligned()).AddColumn(new TableColumn("price ÷ cost").RightAligned()).AddColumn("verdict");
            foreach (var row in serving)
            {
                var m = row.Margin;
                margin.AddRow(Markup.Escape(row.Model.Key), Markup.Escape(m.Provider), Fmt.Num((double)m.BlendedPrice, "0.###"),
                    $"{Fmt.Num((double)m.BlendedCost, "0.###")} ({Fmt.Num((double)m.BlendedCostLow, "0.###")}–{Fmt.Num((double)m.BlendedCostHigh, "0.###")})",
                    $"{Fmt.Num(m.Ratio, "0.0")}×", m.Verdict);
            }

            console.Write(margin);
        }

        console.MarkupLine("[bold]5. Claims[/]");
        WriteClaims(console, r.Claims);
        WriteTrackers(console, r.Trackers);
        console.MarkupLine($"[grey]Claims as of {Markup.Escape(r.ClaimsAsOf)}. How readings combine: {Markup.Escape(r.ClaimRule)} P(true): {Markup.Escape(r.ClaimMethod)}[/]");
    }

    public static void WriteClaims(IAnsiConsole console, IReadOnlyList<ClaimResult> claims)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("claim").AddColumn("verdict").AddColumn(new TableColumn("confidence").RightAligned()).AddColumn("deciding reading: why").AddColumn("readings").AddColumn("time line");
        foreach (var c in claims)
        {
            table.AddRow(
                Markup.Escape($"{c.Id}: {c.Sentence}"),
                $"[{Colour(c.Verdict)}]{Markup.Escape(c.VerdictText)}[/]",
                c.Confidence is { } k ? Fmt.Pct(k) : "–",
                Markup.Escape(c.Why + (c.WouldDecide is null ? "" : $". Would decide it: {c.WouldDecide}") + (c.Coverage is { } cov ? $". Data cover: {cov}" : "")),
                Markup.Escape(string.Join("\n", c.Readings.Select(r => $"{Pct(r.PTrue),6} {Word(r.Verdict)}: {r.Name}"))),
                Markup.Escape(c.TimelineText ?? "–"));
        }

        console.Write(table);
    }

    public static void WriteTrackers(IAnsiConsole console, IReadOnlyList<TrackerResult> trackers)
    {
        foreach (var t in trackers)
        {
            console.MarkupLine($"[bold]Live tracker:[/] {Markup.Escape(t.Headline)} — seed: {Markup.Escape(t.SeedLabel ?? "no label")}; Parity: [{Colour(t.Verdict)}]{Markup.Escape(ClaimRule.Text(t.Verdict))}[/]" +
                $"{(t.Confidence is { } c ? $" ({Fmt.Pct(c)})" : "")}{(t.PTrue is { } p ? $", P(true) {Fmt.Pct(p)}" : "")} — {Markup.Escape(t.Why)}");
            foreach (var d in t.Disagreements)
            {
                console.MarkupLine($"  [yellow]disagrees[/] {Markup.Escape(d)}");
            }
        }
    }

    private static string Colour(ClaimVerdict v) => v switch
    {
        ClaimVerdict.Confirmed or ClaimVerdict.MostlyTrue => "green",
        ClaimVerdict.Refuted or ClaimVerdict.MostlyFalse or ClaimVerdict.Outdated => "red",
        _ => "yellow",
    };

    private static string Pct(double? p) => p is { } value ? Fmt.Pct(value) : "–";

    private static string Word(ReadingVerdict v) => v switch
    {
        ReadingVerdict.NoData => "no data",
        _ => v.ToString().ToLowerInvariant(),
    };

    private static string Origin(string? country) => country switch
    {
        "US" => "[blue]US[/]",
        "CN" => "[red]CN[/]",
        null => "?",
        _ => Markup.Escape(country),
    };

    private static string Plain(string markdown) => markdown.Replace("**", "", StringComparison.Ordinal);
}
