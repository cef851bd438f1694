namespace Parity.Claims;

/// <summary>
/// <c>series-ratio</c>: the ratio of two figures of an evidence series (US compute ÷ China compute, 2025 count ÷ 2024
/// count) lies between <c>min</c> and <c>max</c>. P(true) is the share of (numerator row × denominator row) source combinations in range.
/// </summary>
public sealed class SeriesRatioClaim : ClaimTest
{
    public required string Series { get; init; }

    public required IReadOnlyDictionary<string, string> Numerator { get; init; }

    public required IReadOnlyDictionary<string, string> Denominator { get; init; }

    public double Min { get; init; } = double.NegativeInfinity;

    public double Max { get; init; } = double.PositiveInfinity;

    public override IEnumerable<(string Field, string Name)> SeriesNames => [("series", Series)];

    public override bool Volatile => true;

    public override IEnumerable<DateTimeOffset> ChangeMoments(ClaimData data) => SeriesMoments(data, Series);

    public override ReadingResult Check(ClaimData data)
    {
        var top = data.Rows(this, Series, Numerator);
        var bottom = data.Rows(this, Series, Denominator);
        var ratios = (from n in top from d in bottom where d.Value != 0 select n.Value / d.Value).ToList();
        if (ratios.Count == 0)
        {
            throw Error("field 'denominator': the denominator figure is 0");
        }

        var hits = ratios.Count(r => r >= Min && r <= Max);
        var evidence = top.Concat(bottom).Select(r => SeriesValueClaim.Evidence(r, null)).ToList();
        var range = double.IsNegativeInfinity(Min) ? $"≤ {ClaimText.N(Max, "0.##")}" : double.IsPositiveInfinity(Max) ? $"≥ {ClaimText.N(Min, "0.##")}" : $"{ClaimText.N(Min, "0.##")}–{ClaimText.N(Max, "0.##")}";
        var summary = $"{string.Join(" ", Numerator.Values)} ÷ {string.Join(" ", Denominator.Values)} = {string.Join(" / ", ratios.Select(r => ClaimText.N(r, "0.##") + "×"))} (claimed {range}×).";
        return ReadingResult.FromProbability(this, hits / (double)ratios.Count, summary,
            "ratio of published point figures; P = share of (numerator source × denominator source) combinations within the claimed range", evidence);
    }
}
