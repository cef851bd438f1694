namespace Parity.Claims;

/// <summary><c>rating-at-least</c>: the named models (a trailing <c>*</c> takes every variant) score at least <c>min</c>; <c>quantifier: any</c> asks for one of them.</summary>
public sealed class RatingAtLeastClaim : Claim
{
    public required string Board { get; init; }

    public DateOnly? Date { get; init; }

    public required IReadOnlyList<string> Models { get; init; }

    public required double Min { get; init; }

    /// <summary><c>all</c> (default) or <c>any</c>.</summary>
    public string Quantifier { get; init; } = "all";

    public override ClaimResult Check(ClaimData data)
    {
        var snapshot = data.Snapshot(this, Board, Date);
        var models = Models.SelectMany(p => data.Models(this, snapshot, p)).DistinctBy(m => m.Key).ToList();
        var evidence = new List<ClaimEvidence>();
        var all = 1.0;
        var none = 1.0;
        foreach (var model in models)
        {
            var p = Analysis.RatingMath.ProbabilityBetween(model.Rating, model.StandardError, Min, double.PositiveInfinity);
            all *= p;
            none *= 1 - p;
            var e = ClaimText.Evidence(model, snapshot);
            evidence.Add(e with { Text = $"{e.Text}; P(≥ {Min}) = {ClaimText.P(p)}" });
        }

        var probability = Quantifier == "any" ? 1 - none : all;
        var above = models.Count(m => m.Rating >= Min);
        var summary = $"{above} of {models.Count} matching models score {Min} or more on the {snapshot.Board} board of {snapshot.Date:yyyy-MM-dd} " +
            $"(lowest {models.MinBy(m => m.Rating)!.Key} {ClaimText.N(models.Min(m => m.Rating))}, highest {models.MaxBy(m => m.Rating)!.Key} {ClaimText.N(models.Max(m => m.Rating))}).";
        return ClaimResult.FromProbability(this, probability, summary,
            Quantifier == "any"
                ? "1 − product of P(rating < min): at least one model at or above min; ratings normal with the SE of their 95% interval"
                : "product of P(rating ≥ min) over the models; ratings normal with the SE of their 95% interval", evidence);
    }
}
