namespace Parity.Claims;

/// <summary>
/// <c>rating-range</c>: every named model's score lies between <c>min</c> and <c>max</c> on a board and date.
/// <c>tolerance</c> states what a vague word ("around") allows: a number of points added to both ends of the band,
/// or <c>ci</c> for each model's own 95 % interval (a model counts when its interval reaches the band).
/// <c>quantifier: most</c> asks for more than half of the models.
/// </summary>
public sealed class RatingRangeClaim : ClaimTest
{
    public required string Board { get; init; }

    public DateOnly? Date { get; init; }

    public required IReadOnlyList<string> Models { get; init; }

    public override IEnumerable<(string Field, string Name)> ModelNames => Models.Select(m => ("models", m));

    public override IEnumerable<DateTimeOffset> ChangeMoments(ClaimData data) => BoardMoments(data, Board, Date);

    public required double Min { get; init; }

    public required double Max { get; init; }

    /// <summary>Points added to both ends of the band, or null.</summary>
    public double? TolerancePoints { get; init; }

    /// <summary>True for <c>tolerance: ci</c>: the band widens by each model's 95 % half-width.</summary>
    public bool ToleranceInterval { get; init; }

    /// <summary><c>all</c> (default) or <c>most</c>.</summary>
    public string Quantifier { get; init; } = "all";

    public override ReadingResult Check(ClaimData data)
    {
        var snapshot = data.Snapshot(this, Board, Date);
        var evidence = new List<ClaimEvidence>();
        var models = Models.SelectMany(p => data.Models(this, snapshot, p)).DistinctBy(m => m.Key).ToList();
        var all = 1.0;
        var counts = new double[models.Count + 1];
        counts[0] = 1;
        var inside = 0;
        foreach (var model in models)
        {
            var widen = ToleranceInterval ? (model.StandardError ?? 0) * 1.96 : TolerancePoints ?? 0;
            var (lo, hi) = (Min - widen, Max + widen);
            var p = Analysis.RatingMath.ProbabilityBetween(model.Rating, model.StandardError, lo, hi);
            all *= p;
            for (var k = counts.Length - 1; k >= 0; k--)
            {
                counts[k] = counts[k] * (1 - p) + (k > 0 ? counts[k - 1] * p : 0);
            }

            inside += model.Rating >= lo && model.Rating <= hi ? 1 : 0;
            evidence.Add(ClaimText.Evidence(model, snapshot) with { Text = $"{ClaimText.Evidence(model, snapshot).Text}; P(in {ClaimText.N(lo)}–{ClaimText.N(hi)}) = {ClaimText.P(p)}" });
        }

        var probability = Quantifier == "most" ? counts.Skip(models.Count / 2 + 1).Sum() : all;
        var band = ToleranceInterval ? $"{Min}–{Max} widened by each model's 95% half-width" : TolerancePoints is { } t ? $"{Min - t}–{Max + t} ({Min}–{Max} ± {t})" : $"{Min}–{Max}";
        var summary = $"{inside} of {models.Count} models score within {band} on the {snapshot.Board} board of {snapshot.Date:yyyy-MM-dd} " +
            $"(range of scores {ClaimText.N(models.Min(m => m.Rating))}–{ClaimText.N(models.Max(m => m.Rating))}).";
        return ReadingResult.FromProbability(this, probability, summary,
            (Quantifier == "most" ? "P(more than half of the models in the band), Poisson-binomial over" : "product over the models of") +
            " P(min ≤ rating ≤ max) with the stated tolerance, each rating normal with the SE of its 95% interval", evidence);
    }
}
