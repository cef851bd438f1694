namespace Parity.Claims;

/// <summary><c>rating-range</c>: every named model's score lies between <c>min</c> and <c>max</c> on a board and date.</summary>
public sealed class RatingRangeClaim : Claim
{
    public required string Board { get; init; }

    public DateOnly? Date { get; init; }

    public required IReadOnlyList<string> Models { get; init; }

    public required double Min { get; init; }

    public required double Max { get; init; }

    public override ClaimResult Check(ClaimData data)
    {
        var snapshot = data.Snapshot(this, Board, Date);
        var evidence = new List<ClaimEvidence>();
        var probability = 1.0;
        var inside = 0;
        var models = Models.SelectMany(p => data.Models(this, snapshot, p)).DistinctBy(m => m.Key).ToList();
        foreach (var model in models)
        {
            var p = Analysis.RatingMath.ProbabilityBetween(model.Rating, model.StandardError, Min, Max);
            probability *= p;
            inside += model.Rating >= Min && model.Rating <= Max ? 1 : 0;
            evidence.Add(ClaimText.Evidence(model, snapshot) with { Text = $"{ClaimText.Evidence(model, snapshot).Text}; P(in {Min}–{Max}) = {ClaimText.P(p)}" });
        }

        var summary = $"{inside} of {models.Count} models score within {Min}–{Max} on the {snapshot.Board} board of {snapshot.Date:yyyy-MM-dd} " +
            $"(range of scores {ClaimText.N(models.Min(m => m.Rating))}–{ClaimText.N(models.Max(m => m.Rating))}).";
        return ClaimResult.FromProbability(this, probability, summary,
            "product over the models of P(min ≤ rating ≤ max), each rating normal with the SE of its 95% interval", evidence);
    }
}
