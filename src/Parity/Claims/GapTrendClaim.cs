using Parity.Analysis;

namespace Parity.Claims;

/// <summary><c>gap-trend</c>: the gap between the best models of two countries is <c>closing</c> (or <c>widening</c>) over a period.</summary>
public sealed class GapTrendClaim : ClaimTest
{
    public required string Board { get; init; }

    public override IEnumerable<DateTimeOffset> ChangeMoments(ClaimData data) => BoardMoments(data, Board, null);

    public required string Leader { get; init; }

    public required string Challenger { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary><c>closing</c> or <c>widening</c>.</summary>
    public required string Direction { get; init; }

    public override ReadingResult Check(ClaimData data)
    {
        var series = GapSeries.Compute(data.Series(this, Board), ModelGroup.Country(Leader), ModelGroup.Country(Challenger));
        var trend = GapTrend.Fit(series.Points, From, To);
        if (trend is null && data.AsOf is not null)
        {
            throw NotYet($"fewer than three months with a {Leader}–{Challenger} gap on the {Board} board up to {data.AsOfDate:yyyy-MM-dd}");
        }

        if (trend is null)
        {
            throw Error($"fewer than three months with a {Leader}–{Challenger} gap on the {Board} board between {From?.ToString("yyyy-MM-dd") ?? "the start"} and {To?.ToString("yyyy-MM-dd") ?? "the end"}");
        }

        var probability = Direction == "closing" ? trend.ProbabilityShrinking : 1 - trend.ProbabilityShrinking;
        var inRange = series.Points.Where(p => p.Date >= trend.From && p.Date <= trend.To).ToList();
        var first = inRange[0];
        var last = inRange[^1];
        var evidence = new List<ClaimEvidence>
        {
            new($"{first.Date:yyyy-MM-dd}: {first.First.Key} {ClaimText.N(first.First.Rating)} vs {first.Second.Key} {ClaimText.N(first.Second.Rating)}, gap {ClaimText.N(first.Gap)}", first.Source, first.Date.ToString("yyyy-MM-dd")),
            new($"{last.Date:yyyy-MM-dd}: {last.First.Key} {ClaimText.N(last.First.Rating)} vs {last.Second.Key} {ClaimText.N(last.Second.Rating)}, gap {ClaimText.N(last.Gap)}", last.Source, last.Date.ToString("yyyy-MM-dd")),
            new($"trend {ClaimText.N(trend.SlopePerMonth, "+0.00;-0.00")} points/month [95% CI {ClaimText.N(trend.Lower, "F2")}, {ClaimText.N(trend.Upper, "F2")}] over {trend.Months} monthly snapshots {trend.From:yyyy-MM} → {trend.To:yyyy-MM}; " +
                $"holes: {(series.Holes.Count == 0 ? "none" : string.Join("; ", series.Holes.Select(h => $"{h.From:yyyy-MM-dd} → {h.To:yyyy-MM-dd}")))}",
                $"{Board} board, one source per era (METHOD.md §3)", $"{trend.From:yyyy-MM-dd} → {trend.To:yyyy-MM-dd}"),
        };
        var summary = $"The {Leader}–{Challenger} gap moved from {ClaimText.N(first.Gap)} to {ClaimText.N(last.Gap)} points; the trend is {ClaimText.N(trend.SlopePerMonth, "+0.00;-0.00")} points per month, P(closing) = {ClaimText.P(trend.ProbabilityShrinking)}.";
        return ReadingResult.FromProbability(this, probability, summary, TrendEstimate.MethodText, evidence);
    }
}
