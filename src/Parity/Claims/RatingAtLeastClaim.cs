namespace Parity.Claims;

/// <summary><c>rating-at-least</c>: the named models (a trailing <c>*</c> takes every variant) score at least <c>min</c>; <c>quantifier: any</c> asks for one of them, <c>most</c> for more than half.</summary>
public sealed class RatingAtLeastClaim : ClaimTest
{
    public required string Board { get; init; }

    public DateOnly? Date { get; init; }

    public required IReadOnlyList<string> Models { get; init; }

    public override IEnumerable<(string Field, string Name)> ModelNames => Models.Select(m => ("models", m));

    public override IEnumerable<DateTimeOffset> ChangeMoments(ClaimData data) => BoardMoments(data, Board, Date);

    public required double Min { get; init; }

    /// <summary><c>all</c> (default) or <c>any</c>.</summary>
    public string Quantifier { get; init; } = "all";

    public override ReadingResult Check(ClaimData data)
    {
        var snapshot = data.Snapshot(this, Board, Date);
        var models = Models.SelectMany(p => data.Models(this, snapshot, p)).DistinctBy(m => m.Key).ToList();
        var evidence = new List<ClaimEvidence>();
        var all = 1.0;
        var none = 1.0;
        var counts = new double[models.Count + 1];
        counts[0] = 1;
        foreach (var model in models)
        {
            var p = Analysis.RatingMath.ProbabilityBetween(model.Rating, model.StandardError, Min, double.PositiveInfinity);
            all *= p;
            none *= 1 - p;
            for (var k = counts.Length - 1; k >= 0; k--)
            {
                counts[k] = counts[k] * (1 - p) + (k > 0 ? counts[k - 1] * p : 0);
            }
            var e = ClaimText.Evidence(model, snapshot);
            evidence.Add(e with { Text = $"{e.Text}; P(≥ {Min}) = {ClaimText.P(p)}" });
        }

        var probability = Quantifier switch
        {
            "any" => 1 - none,
            "most" => counts.Skip(models.Count / 2 + 1).Sum(),
            _ => all,
        };
        var above = models.Count(m => m.Rating >= Min);
        var summary = $"{above} of {models.Count} matching models score {Min} or more on the {snapshot.Board} board of {snapshot.Date:yyyy-MM-dd} " +
            $"(lowest {models.MinBy(m => m.Rating)!.Key} {ClaimText.N(models.Min(m => m.Rating))}, highest {models.MaxBy(m => m.Rating)!.Key} {ClaimText.N(models.Max(m => m.Rating))}).";
        return ReadingResult.FromProbability(this, probability, summary,
            Quantifier switch
            {
                "any" => "1 − product of P(rating < min): at least one model at or above min; ratings normal with the SE of their 95% interval",
                "most" => "P(more than half of the models ≥ min), the Poisson-binomial sum over the models' P(rating ≥ min); ratings normal with the SE of their 95% interval",
                _ => "product of P(rating ≥ min) over the models; ratings normal with the SE of their 95% interval",
            }, evidence);
    }
}
