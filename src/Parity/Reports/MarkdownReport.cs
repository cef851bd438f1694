using System.Text;
using Parity.Analysis;
using Parity.Claims;

namespace Parity.Reports;

/// <summary>The report as Markdown: sections 1–5, tables, charts as linked SVG files, a source beside every number.</summary>
public static class MarkdownReport
{
    public static string Render(HeadToHeadReport r, IReadOnlyCollection<string> charts)
    {
        var md = new StringBuilder();
        var s = r.Standing;
        var boardName = r.Board == "text" ? "text board (raw scores)" : "text board (style control)";
        md.AppendLine($"# Parity head-to-head report: the Arena {boardName}, as of {Fmt.Date(r.AsOf)}");
        md.AppendLine();
        md.AppendLine($"Newest snapshot: `{s.Snapshot.Source}` ({Fmt.Date(s.Snapshot.Date)}, {s.Snapshot.Method}, {s.Snapshot.Models} models). " +
            "Scores are LMArena's published Bradley–Terry ratings on the Elo scale; a gap of Δ points means the higher model wins 1/(1+10^(−Δ/400)) of head-to-head votes. " +
            "Only gaps within one snapshot are compared, never absolute scores across dates (the anchor changed over time).");
        md.AppendLine();

        md.AppendLine("## 1. Where the race stands");
        md.AppendLine();
        if (s.UsChina is { } uc)
        {
            md.AppendLine($"- **US vs China.** {HeadToHeadSentence(uc)}");
        }

        if (s.ClosedOpen is { } co)
        {
            md.AppendLine($"- **Closed vs open weights.** {HeadToHeadSentence(co)}");
        }

        md.AppendLine($"- Source: `{s.Snapshot.Source}`, {Fmt.Date(s.Snapshot.Date)}. Intervals are the published 95% intervals; the gap's band combines both as independent normal errors.");
        md.AppendLine();
        md.AppendLine($"Top {s.Top.Count} on {Fmt.Date(s.Snapshot.Date)}:");
        md.AppendLine();
        md.AppendLine("| # | model | organization | origin | weights | score [95% CI] | blended $/Mtok | price source |");
        md.AppendLine("|---:|---|---|---|---|---|---:|---|");
        var rank = 0;
        foreach (var m in s.Top)
        {
            md.AppendLine($"| {++rank} | {m.Key} | {m.Organization ?? "?"} | {Fmt.Origin(m.Country)} | {Fmt.Weights(m.OpenWeights)} | {Fmt.Score(m.Rating)} {Fmt.Interval(m.Lower, m.Upper)} | {Fmt.Usd(m.BlendedPrice)} | {PriceSource(m)} |");
        }

        md.AppendLine();
        AppendTrend(md, r, charts);
        AppendValue(md, r, charts);
        AppendEfficiency(md, r, charts);
        AppendClaims(md, r);

        md.AppendLine("## Method and sources");
        md.AppendLine();
        md.AppendLine($"- Leaderboard history used ({r.Board} board, one source per era): " + string.Join("; ", r.Sources) + ".");
        md.AppendLine("- Eras: " + string.Join("; ", r.Gap.Eras.Select(e => $"{Fmt.Date(e.From)} → {(e.To.Year > 2090 ? "newest" : Fmt.Date(e.To))}: {e.Source}")) + ". Origin of each model: Parity's organization table (`data/catalog/organizations.csv`); openness: the curated catalog (`data/catalog/models.csv`), else the leaderboard's licence.");
        md.AppendLine($"- Trend: {r.Gap.TrendMethod}");
        md.AppendLine($"- Months behind: {r.Gap.LagMethod}");
        md.AppendLine($"- Claims: {r.ClaimMethod} How readings combine: {r.ClaimRule}");
        md.AppendLine("- Every figure is LMArena's (scores), the price feed's named in the table (prices), the model card's (architectures) or Epoch AI's (training, CC-BY 4.0). See `data/SOURCES.md`.");
        return md.ToString();
    }

    private static string Adjective(string group) => group == "China" ? "Chinese" : group;

    internal static string HeadToHeadSentence(HeadToHead h) =>
        $"The best {Adjective(h.FirstGroup)} model, **{h.First.Key}** ({h.First.Organization}), scores **{Fmt.Score(h.First.Rating)}** {Fmt.Interval(h.First.Lower, h.First.Upper)}; " +
        $"the best {Adjective(h.SecondGroup)} model, **{h.Second.Key}** ({h.Second.Organization}), scores **{Fmt.Score(h.Second.Rating)}** {Fmt.Interval(h.Second.Lower, h.Second.Upper)}. " +
        $"Gap: **{Fmt.Points(h.Gap)}** points, 95% band {Fmt.Band(h.Lower, h.Upper)}: {h.First.Key} would win **{Fmt.Pct(h.WinProbability)}** of head-to-head votes against {h.Second.Key}.";

    private static string PriceSource(ReportModel m) => m.PriceSource is null ? "not in catalog" : $"{m.PriceSource}{(m.PriceDate is null ? "" : ", " + m.PriceDate)}";

    internal static string TrendSentence(string what, TrendEstimate? t) => t is null
        ? $"{what}: fewer than three monthly points, no trend."
        : $"{what}: **{Fmt.Num(t.SlopePerMonth, "+0.00;-0.00")} points/month**, 95% CI [{Fmt.Num(t.Lower, "F2")}, {Fmt.Num(t.Upper, "F2")}], over {t.Months} monthly points {t.From:yyyy-MM} → {t.To:yyyy-MM}; P(gap shrinking) = **{Fmt.Pct(t.ProbabilityShrinking)}**.";

    internal static string LagSentence(FrontierLag? lag, string trailing = "Chinese", string leading = "US") => lag switch
    {
        null => "Months behind: not computable (a group has no model on the newest snapshot).",
        { Reacher: null } => $"Months behind: none — no {leading} model on the {Fmt.Date(lag.AsOf)} board scores as high as {lag.Target.Key} ({Fmt.Score(lag.Target.Rating)}).",
        _ => $"The best {trailing} model, {lag.Target.Key}, scores {Fmt.Score(lag.Target.Rating)} on {Fmt.Date(lag.AsOf)}. The first {leading} model to reach that score on the same board was **{lag.Reacher.Key}** ({Fmt.Score(lag.Reacher.Rating)}), " +
             $"on the leaderboard since {Fmt.Date(lag.ReachedOn!.Value)}{(lag.Censored ? ", the first snapshot of the history" : "")}: the {trailing} frontier trails by **{(lag.Censored ? "at least " : "")}{Fmt.Months(lag.Months)} months** (range {Fmt.Months(lag.MonthsLow)}–{Fmt.Months(lag.MonthsHigh)} with the target at the ends of its 95% interval).",
    };

    private static void AppendTrend(StringBuilder md, HeadToHeadReport r, IReadOnlyCollection<string> charts)
    {
        var g = r.Gap;
        md.AppendLine("## 2. Is the gap closing?");
        md.AppendLine();
        var uc = g.UsChina;
        if (uc.Points.Count > 0)
        {
            md.AppendLine($"The US–China gap (best US − best Chinese model) at {uc.Points.Count} dated snapshots from {Fmt.Date(uc.Points[0].Date)} to {Fmt.Date(uc.Points[^1].Date)}: " +
                $"from {Fmt.Points(uc.Points[0].Gap)} ({uc.Points[0].FirstModel} vs {uc.Points[0].SecondModel}) to {Fmt.Points(uc.Points[^1].Gap)} ({uc.Points[^1].FirstModel} vs {uc.Points[^1].SecondModel}).");
            md.AppendLine();
            md.AppendLine($"- {TrendSentence("Trend over the whole series", uc.Trend)}");
            if (uc.TrendLast12Months?.From != uc.Trend?.From)
            {
                md.AppendLine($"- {TrendSentence("Trend over the last 12 months", uc.TrendLast12Months)}");
            }
            md.AppendLine($"- {LagSentence(g.ChinaLag)}");
            md.AppendLine($"- Closed vs open weights: {TrendSentence("trend of the closed − open gap", g.ClosedOpen.Trend)}");
            md.AppendLine($"- {LagSentence(g.OpenLag, "open-weights", "closed")}");
            md.AppendLine(uc.Holes.Count == 0
                ? "- Holes: none longer than 45 days."
                : "- Holes (no snapshot for more than 45 days): " + string.Join("; ", uc.Holes.Select(h => $"{Fmt.Date(h.From)} → {Fmt.Date(h.To)} ({h.Days} days: {h.Reason})")) + ".");
            md.AppendLine();
        }

        if (charts.Contains(ReportCharts.GapChart))
        {
            md.AppendLine($"![Gap between the best US and Chinese models over time]({ReportCharts.GapChart})");
            md.AppendLine();
        }

        md.AppendLine("The series, last snapshot of each month (every snapshot is in `report.json`):");
        md.AppendLine();
        md.AppendLine("| date | best US | score | best Chinese | score | gap [95% band] | P(US best wins) | source |");
        md.AppendLine("|---|---|---:|---|---:|---|---:|---|");
        foreach (var p in uc.Points.GroupBy(p => (p.Date.Year, p.Date.Month)).Select(x => x.MaxBy(p => p.Date)!))
        {
            md.AppendLine($"| {Fmt.Date(p.Date)} | {p.FirstModel} | {Fmt.Score(p.FirstScore)} | {p.SecondModel} | {Fmt.Score(p.SecondScore)} | {Fmt.Points(p.Gap)} {Fmt.Band(p.Lower, p.Upper)} | {Fmt.Pct(p.WinProbability)} | `{p.Source}` |");
        }

        md.AppendLine();
    }

    private static void AppendValue(StringBuilder md, HeadToHeadReport r, IReadOnlyCollection<string> charts)
    {
        var v = r.Value;
        md.AppendLine("## 3. Value for money");
        md.AppendLine();
        md.AppendLine($"{v.PricedModels} of the {v.RatedModels} models on the {Fmt.Date(r.AsOf)} board have a list price in Parity's catalog ({v.Blend}). " +
            "Prices are each model's primary offer (the maker's own API where a feed has it); the source and date are in the tables.");
        md.AppendLine();
        if (v.Best is { } best && v.CheapestWithin is { } cheap)
        {
            md.AppendLine(cheap.Key == best.Key
                ? $"- **Cheapest model within {Fmt.Num(v.Within, "0.#")} points of the best**: the best model, **{best.Key}** ({Fmt.Score(best.Rating)}, {Fmt.Usd(best.BlendedPrice)}/Mtok blended, {PriceSource(best)}), is itself the cheapest priced model that close; try a larger `--within`."
                : $"- **Cheapest model within {Fmt.Num(v.Within, "0.#")} points of the best** ({best.Key}, {Fmt.Score(best.Rating)}, {Fmt.Usd(best.BlendedPrice)}/Mtok): " +
                  $"**{cheap.Key}** ({cheap.Organization}, {Fmt.Origin(cheap.Country)}, {Fmt.Weights(cheap.OpenWeights)} weights) at {Fmt.Score(cheap.Rating)} and **{Fmt.Usd(cheap.BlendedPrice)}/Mtok** blended ({PriceSource(cheap)})" +
                  (best.BlendedPrice is { } bp && cheap.BlendedPrice is { } cp && cp > 0 ? $", {Fmt.Num(bp / cp, "0.#")}× cheaper than the best." : "."));
        }
        else if (v.Best is { } unpriced && v.CheapestWithin is null)
        {
            md.AppendLine($"- No priced model is within {Fmt.Num(v.Within, "0.#")} points of the best ({unpriced.Key}, {Fmt.Score(unpriced.Rating)}).");
        }

        md.AppendLine();
        if (charts.Contains(ReportCharts.ValueChart))
        {
            md.AppendLine($"![Score against blended price, with the Pareto frontier]({ReportCharts.ValueChart})");
            md.AppendLine();
        }

        md.AppendLine("Pareto frontier (no other model is both better and cheaper), cheapest first:");
        md.AppendLine();
        md.AppendLine("| model | origin | weights | score [95% CI] | input $/Mtok | output $/Mtok | blended | price source |");
        md.AppendLine("|---|---|---|---|---:|---:|---:|---|");
        foreach (var m in v.Frontier)
        {
            md.AppendLine($"| {m.Key} | {Fmt.Origin(m.Country)} | {Fmt.Weights(m.OpenWeights)} | {Fmt.Score(m.Rating)} {Fmt.Interval(m.Lower, m.Upper)} | {Fmt.Usd(m.InputPrice)} | {Fmt.Usd(m.OutputPrice)} | {Fmt.Usd(m.BlendedPrice)} | {PriceSource(m)} |");
        }

        md.AppendLine();
        if (v.FlagshipRatios.Count > 0)
        {
            md.AppendLine("Flagship price ratios (each organization's best-rated priced model; the top three US and Chinese organizations):");
            md.AppendLine();
            md.AppendLine("| US flagship | blended | Chinese flagship | blended | price ratio | score gap |");
            md.AppendLine("|---|---:|---|---:|---:|---:|");
            foreach (var p in v.FlagshipRatios)
            {
                md.AppendLine($"| {p.Dearer.Key} | {Fmt.Usd(p.Dearer.BlendedPrice)} | {p.Cheaper.Key} | {Fmt.Usd(p.Cheaper.BlendedPrice)} | {Fmt.Num(p.Ratio, "0.0")}× | {Fmt.Points(p.RatingGap)} |");
            }

            md.AppendLine();
        }

        if (v.Unpriced.Count > 0)
        {
            md.AppendLine($"Not priced in the catalog ({v.Unpriced.Count}), e.g.: {string.Join(", ", v.Unpriced.Take(12))}.");
            md.AppendLine();
        }
    }

    private static void AppendEfficiency(StringBuilder md, HeadToHeadReport r, IReadOnlyCollection<string> charts)
    {
        var e = r.Efficiency;
        md.AppendLine("## 4. Efficiency: mixture-of-experts vs dense, and training cost");
        md.AppendLine();
        if (e.BestMoe is { } moe)
        {
            md.AppendLine($"- Best open MoE model: **{moe.Model.Key}** {Fmt.Score(moe.Model.Rating)} with {Fmt.Params(moe.ActiveParamsB)} active of {Fmt.Params(moe.TotalParamsB)} ({moe.Source}).");
        }

        if (e.BestDense is { } dense)
        {
            md.AppendLine($"- Best open dense model: **{dense.Model.Key}** {Fmt.Score(dense.Model.Rating)} with {Fmt.Params(dense.ActiveParamsB)} ({dense.Source}).");
        }

        if (e.BestMoe is { } m2 && e.BestDense is { } d2)
        {
            var fewer = d2.ActiveParamsB!.Value / m2.ActiveParamsB!.Value;
            md.AppendLine($"- The best MoE model leads the best dense one by {Fmt.Points(m2.Model.Rating - d2.Model.Rating)} points with " +
                (fewer >= 1 ? $"{Fmt.Num(fewer, "0.0")}× fewer" : $"{Fmt.Num(1 / fewer, "0.0")}× more") + $" active parameters per token ({Fmt.Params(m2.ActiveParamsB)} vs {Fmt.Params(d2.ActiveParamsB)}) and {Fmt.Num(m2.TotalParamsB!.Value / d2.TotalParamsB!.Value, "0.0")}× the total parameters.");
        }

        var moeRows = e.OpenModels.Where(r => r.Kind == "moe").ToList();
        var denseRows = e.OpenModels.Where(r => r.Kind == "dense").ToList();
        if (moeRows.Count > 0 && denseRows.Count > 0)
        {
            md.AppendLine($"- Of the {e.OpenModels.Count} open-weights models on the board with a published architecture, {moeRows.Count} are MoE (median score {Fmt.Score(Median(moeRows.Select(r => r.Model.Rating)))}, median {Fmt.Params(Median(moeRows.Select(r => r.ActiveParamsB!.Value)))} active) " +
                $"and {denseRows.Count} dense (median score {Fmt.Score(Median(denseRows.Select(r => r.Model.Rating)))}, median {Fmt.Params(Median(denseRows.Select(r => r.ActiveParamsB!.Value)))}). " +
                $"The frontier of score against active parameters: {string.Join(" → ", e.ActiveParamsFrontier.Select(r => $"{r.Model.Key} ({Fmt.Params(r.ActiveParamsB)}, {Fmt.Score(r.Model.Rating)})"))}.");
        }

        md.AppendLine();
        if (charts.Contains(ReportCharts.EfficiencyChart))
        {
            md.AppendLine($"![Score against active parameters for open-weights models]({ReportCharts.EfficiencyChart})");
            md.AppendLine();
        }

        md.AppendLine("| model | origin | architecture | total params | active params | score | architecture source |");
        md.AppendLine("|---|---|---|---:|---:|---:|---|");
        foreach (var row in e.OpenModels)
        {
            md.AppendLine($"| {row.Model.Key} | {Fmt.Origin(row.Model.Country)} | {(row.Kind == "moe" ? "MoE" : "dense")} | {Fmt.Params(row.TotalParamsB)} | {Fmt.Params(row.ActiveParamsB)} | {Fmt.Score(row.Model.Rating)} | {row.Source} |");
        }

        md.AppendLine();
        var cnCosts = e.Training.Where(t => t.Country == "CN" && t.Fact.CostUsd is not null).OrderBy(t => t.Fact.CostUsd).ToList();
        var usCosts = e.Training.Where(t => t.Country == "US" && t.Fact.CostUsd is not null).OrderByDescending(t => t.Fact.CostUsd).ToList();
        if (cnCosts.Count > 0 && usCosts.Count > 0)
        {
            var cn = cnCosts[0];
            md.AppendLine($"- Training cost: {cn.Model}'s final training run is estimated at **{Fmt.Usd(cn.Fact.CostUsd)}**" +
                (cn.Fact.GpuHours is { } hours ? $" ({Fmt.Num(hours / 1e6, "0.###")}M GPU-hours on {cn.Fact.Hardware ?? "unknown hardware"}, {Fmt.Sci(cn.Fact.ComputeFlop)} FLOP)" : "") +
                $"; Epoch's estimates for US models: {string.Join(", ", usCosts.Select(u => $"{u.Model} {Fmt.Usd(u.Fact.CostUsd)}"))} " +
                $"({Fmt.Num(usCosts[^1].Fact.CostUsd!.Value / cn.Fact.CostUsd!.Value, "0")}–{Fmt.Num(usCosts[0].Fact.CostUsd!.Value / cn.Fact.CostUsd!.Value, "0")}× as much). " +
                "These are final-run compute costs at rental prices (2023 USD), not research, staff or hardware purchases; Epoch's confidence for each is in the table.");
            md.AppendLine();
        }

        if (e.Training.Count > 0)
        {
            md.AppendLine("Training compute and cost (Epoch AI, CC-BY 4.0; cost of the final training run in 2023 USD where Epoch estimates it):");
            md.AppendLine();
            md.AppendLine("| model | origin | training compute (FLOP) | hardware | GPU-hours | cost | source | notes |");
            md.AppendLine("|---|---|---:|---|---:|---:|---|---|");
            foreach (var t in e.Training)
            {
                md.AppendLine($"| {t.Model} | {Fmt.Origin(t.Country)} | {Fmt.Sci(t.Fact.ComputeFlop)} | {t.Fact.Hardware ?? "–"} | {(t.Fact.GpuHours is { } h ? Fmt.Num(h / 1e6, "0.###") + "M" : "–")} | {Fmt.Usd(t.Fact.CostUsd)} | {t.Fact.Source}{(t.Fact.Date is null ? "" : ", " + t.Fact.Date)} | {Cell(t.Fact.Notes)} |");
            }

            md.AppendLine();
        }

        AppendServingCost(md, e);
    }

    private static void AppendServingCost(StringBuilder md, EfficiencySection e)
    {
        if (e.ServingCost is not { Count: > 0 } rows)
        {
            return;
        }

        var counts = rows.GroupBy(r => r.Margin.Verdict).ToDictionary(g => g.Key, g => g.Count());
        md.AppendLine("List price against serving cost (`parity cost margin`): each open model's blended list price (3 input : 1 output, the maker's own where it sells the model) against a roofline estimate of what it costs to serve on H800s at $2 per GPU-hour, calibrated to the share of the roofline DeepSeek's fleet reached on its published day (Mar 2025); the low end of the range is the uncalibrated roofline. " +
            $"Above cost: {counts.GetValueOrDefault("above cost")}, near cost: {counts.GetValueOrDefault("near cost")}, below cost: {counts.GetValueOrDefault("below cost")}.");
        md.AppendLine();
        md.AppendLine("| model | origin | provider | list price (USD/M, 3:1) | serving cost (USD/M, range) | price ÷ cost | verdict | price source |");
        md.AppendLine("|---|---|---|---:|---:|---:|---|---|");
        foreach (var row in rows)
        {
            var m = row.Margin;
            md.AppendLine($"| {row.Model.Key} | {Fmt.Origin(m.Origin)} | {m.Provider}{(m.FirstParty ? " (maker)" : "")} | {Fmt.Num((double)m.BlendedPrice, "0.###")} | {Fmt.Num((double)m.BlendedCost, "0.###")} ({Fmt.Num((double)m.BlendedCostLow, "0.###")}–{Fmt.Num((double)m.BlendedCostHigh, "0.###")}) | {Fmt.Num(m.Ratio, "0.0")}× ({Fmt.Num(m.RatioLow, "0.0")}–{Fmt.Num(m.RatioHigh, "0.0")}) | {m.Verdict} | {m.PriceSource} |");
        }

        md.AppendLine();
        if (e.ServingCostAssumptions is { Count: > 0 } assumptions)
        {
            md.AppendLine("Serving-cost assumptions: " + string.Join("; ", assumptions) + ".");
            md.AppendLine();
        }
    }

    private static void AppendClaims(StringBuilder md, HeadToHeadReport r)
    {
        md.AppendLine("## 5. Claims from the coverage, checked");
        md.AppendLine();
        md.AppendLine($"Claims file: `{r.ClaimsFile}`, checked as of {r.ClaimsAsOf} (leaderboard snapshots on or before it, the list prices in force then, evidence published by then). How readings combine: {r.ClaimRule}");
        md.AppendLine();
        AppendClaimTable(md, r.Claims);
        AppendTrackers(md, r.Trackers, r.Claims);
        foreach (var c in r.Claims)
        {
            AppendClaim(md, c);
        }
    }

    /// <summary>The at-a-glance table: verdict, confidence, deciding reading and why, time line.</summary>
    public static void AppendClaimTable(StringBuilder md, IReadOnlyList<ClaimResult> claims)
    {
        md.AppendLine("| claim | verdict | confidence | deciding reading | why | time line |");
        md.AppendLine("|---|---|---:|---|---|---|");
        foreach (var c in claims)
        {
            md.AppendLine($"| {Cell(c.Sentence)} | **{c.VerdictText}** | {(c.Confidence is { } k ? Fmt.Pct(k) : "–")} | {Cell(c.DecidedBy ?? "–")} | {Cell(c.Why)} | {Cell(c.TimelineText ?? "–")} |");
        }

        md.AppendLine();
    }

    /// <summary>The seeds' live-tracker headlines: Parity's verdict next to the seed's label, each line, and where they disagree.</summary>
    public static void AppendTrackers(StringBuilder md, IReadOnlyList<TrackerResult> trackers, IReadOnlyList<ClaimResult> claims)
    {
        foreach (var t in trackers)
        {
            md.AppendLine($"### Live tracker: {t.Headline}");
            md.AppendLine();
            md.AppendLine($"The seed's label: **{t.SeedLabel ?? "none"}**. Parity: **{ClaimRule.Text(t.Verdict)}**{(t.Confidence is { } c ? $" ({Fmt.Pct(c)})" : "")}" +
                $"{(t.PTrue is { } p ? $", P(true) over the decided lines {Fmt.Pct(p)}" : "")} — {t.Why}.");
            md.AppendLine();
            md.AppendLine("| line | the seed lists it as | Parity | confidence | why |");
            md.AppendLine("|---|---|---|---:|---|");
            foreach (var line in claims.Where(l => l.Tracker == t.Id))
            {
                md.AppendLine($"| {Cell(line.Sentence)} | {Cell(line.SeedLabel ?? "–")} | **{line.VerdictText}**{(line.SeedAgrees == false ? " (disagrees)" : "")} | {(line.Confidence is { } k ? Fmt.Pct(k) : "–")} | {Cell(line.Why + (line.WouldDecide is { } w ? $"; would decide it: {w}" : ""))} |");
            }

            md.AppendLine();
            if (t.Disagreements.Count > 0)
            {
                md.AppendLine("Where Parity disagrees with the seed:");
                md.AppendLine();
                foreach (var d in t.Disagreements)
                {
                    md.AppendLine($"- {d}");
                }

                md.AppendLine();
            }
        }
    }

    /// <summary>One claim as a Markdown block (used by the report and by <c>parity claims check --format md</c>).</summary>
    public static void AppendClaim(StringBuilder md, ClaimResult c)
    {
        md.AppendLine($"### {c.Id}: {c.VerdictText}{(c.Confidence is { } k ? $" ({Fmt.Pct(k)})" : "")}");
        md.AppendLine();
        md.AppendLine($"> {c.Sentence}" + (c.Said is null ? "" : $" — {c.Said}"));
        md.AppendLine();
        md.AppendLine($"**Why:** {c.Why}. {c.Summary}");
        md.AppendLine();
        if (c.TimelineText is not null)
        {
            md.AppendLine($"**Time line:** {c.TimelineText}.");
            md.AppendLine();
        }

        if (c.WouldDecide is not null)
        {
            md.AppendLine($"What would decide it: {c.WouldDecide}.");
            md.AppendLine();
        }

        md.AppendLine("| reading | verdict | P(true) | what the data show |");
        md.AppendLine("|---|---|---:|---|");
        foreach (var reading in c.Readings)
        {
            md.AppendLine($"| {Cell(reading.Name + (reading.Role == "context" ? " (context, not counted)" : "") + (reading.Name == c.DecidedBy ? " ← decides" : ""))} | {reading.Verdict switch { ReadingVerdict.NoData => "no data", var v => v.ToString().ToLowerInvariant() }} | {(reading.PTrue is { } p ? Fmt.Pct(p) : "–")} | {Cell(reading.Summary + (reading.Note is { } n ? $" ({n})" : ""))} |");
        }

        md.AppendLine();
        foreach (var reading in c.Readings)
        {
            foreach (var e in reading.Evidence)
            {
                md.AppendLine($"- {reading.Name}: {e.Text} (`{e.Source}`{(e.Date is null ? "" : ", " + e.Date)})");
            }
        }

        if (c.Readings.Any(r => r.Evidence.Count > 0))
        {
            md.AppendLine();
        }

        md.AppendLine($"Method: {string.Join(" · ", c.Readings.Select(r => r.Method).Distinct())}.");
        md.AppendLine();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Cell(string? text) => (text ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
