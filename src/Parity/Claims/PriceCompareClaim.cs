namespace Parity.Claims;

/// <summary>
/// <c>price-compare</c>: <c>model</c>'s price (<c>price</c>: input, output or blended) is <c>value</c> (within a relative
/// <c>tolerance</c>, default 5%) while each of <c>others</c> costs at least <c>others-at-least</c>.
/// </summary>
public sealed class PriceCompareClaim : ClaimTest
{
    public required string Model { get; init; }

    public required double Value { get; init; }

    public double Tolerance { get; init; } = 0.05;

    public required IReadOnlyList<string> Others { get; init; }

    public override IEnumerable<(string Field, string Name)> ModelNames => Others.Select(m => ("others", m)).Prepend(("model", Model));

    public override bool Volatile => true;

    public override IEnumerable<DateTimeOffset> ChangeMoments(ClaimData data) => Others.Prepend(Model).SelectMany(m => data.PriceSource.Changes(m));

    public required double OthersAtLeast { get; init; }

    public string Price { get; init; } = "output";

    public override ReadingResult Check(ClaimData data)
    {
        var evidence = new List<ClaimEvidence>();
        var own = data.Prices(this, Model);
        var ownOk = own.Count(q => Math.Abs(q.Get(Price) - Value) <= Tolerance * Value) / (double)own.Count;
        evidence.AddRange(own.Select(q => new ClaimEvidence($"{Model} {Price} ${ClaimText.N(q.Get(Price), "0.###")} per Mtok (claimed ${Value})", q.Source, q.Date)));
        var probability = ownOk;
        foreach (var other in Others)
        {
            var quotes = data.Prices(this, other);
            probability *= quotes.Count(q => q.Get(Price) >= OthersAtLeast) / (double)quotes.Count;
            evidence.AddRange(quotes.Select(q => new ClaimEvidence($"{other} {Price} ${ClaimText.N(q.Get(Price), "0.###")} per Mtok (claimed ≥ ${OthersAtLeast})", q.Source, q.Date)));
        }

        var on = data.AsOf is { } t ? $" in force on {t:yyyy-MM-dd}" : "";
        var summary = $"{Model} {Price} price{on}: {string.Join(", ", own.Select(q => "$" + ClaimText.N(q.Get(Price), "0.###") + (q.Date is null ? "" : $" ({q.Date})")))} against the claimed ${ClaimText.N(Value, "0.###")}; " +
            $"others: {string.Join(", ", Others.Select(o => $"{o} ${ClaimText.N(data.Prices(this, o)[0].Get(Price), "0.###")}"))} against ≥ ${ClaimText.N(OthersAtLeast, "0.###")}.";
        return ReadingResult.FromProbability(this, probability, summary,
            "share of price sources agreeing with the claimed price (within the tolerance), times, for each other model, the share of its sources at or above the claimed floor", evidence);
    }
}
