namespace Parity.Claims;

/// <summary><c>price-ratio</c>: the <c>dearer</c> models cost between <c>min</c> and <c>max</c> times as much as the <c>cheaper</c> ones.</summary>
public sealed class PriceRatioClaim : ClaimTest
{
    public required IReadOnlyList<string> Cheaper { get; init; }

    public required IReadOnlyList<string> Dearer { get; init; }

    public override IEnumerable<(string Field, string Name)> ModelNames => Cheaper.Select(m => ("cheaper", m)).Concat(Dearer.Select(m => ("dearer", m)));

    public override bool Volatile => true;

    public override IEnumerable<DateTimeOffset> ChangeMoments(ClaimData data) => Cheaper.Concat(Dearer).SelectMany(m => data.PriceSource.Changes(m));

    public required double Min { get; init; }

    public required double Max { get; init; }

    /// <summary><c>blended</c> (3:1, default), <c>input</c> or <c>output</c>.</summary>
    public string Price { get; init; } = "blended";

    public override ReadingResult Check(ClaimData data)
    {
        var evidence = new List<ClaimEvidence>();
        var combos = 0;
        var hits = 0;
        var ratios = new List<double>();
        foreach (var cheap in Cheaper)
        {
            foreach (var dear in Dearer)
            {
                var pairRatios = new List<double>();
                foreach (var qc in data.Prices(this, cheap))
                {
                    foreach (var qd in data.Prices(this, dear))
                    {
                        var ratio = qd.Get(Price) / qc.Get(Price);
                        combos++;
                        hits += ratio >= Min && ratio <= Max ? 1 : 0;
                        pairRatios.Add(ratio);
                    }
                }

                ratios.AddRange(pairRatios);
                var c = data.Prices(this, cheap)[0];
                var d = data.Prices(this, dear)[0];
                evidence.Add(new ClaimEvidence(
                    $"{dear} ${ClaimText.N(d.Get(Price), "0.###")} vs {cheap} ${ClaimText.N(c.Get(Price), "0.###")} per Mtok ({Price}) → {ClaimText.N(pairRatios.Min(), "0.0")}×" +
                    (pairRatios.Count > 1 ? $"–{ClaimText.N(pairRatios.Max(), "0.0")}× across {pairRatios.Count} source combinations" : "×"),
                    c.Source == d.Source ? c.Source : $"{c.Source}; {d.Source}", c.Date ?? d.Date));
            }
        }

        var probability = hits / (double)combos;
        ratios.Sort();
        var summary = $"Price ratios ({Price}) range from {ClaimText.N(ratios[0], "0.0")}× to {ClaimText.N(ratios[^1], "0.0")}× (median {ClaimText.N(ratios[ratios.Count / 2], "0.0")}×); " +
            $"{hits} of {combos} model-pair × source combinations fall within {Min}–{Max}×, {ratios.Count(r => r > Max)} above and {ratios.Count(r => r < Min)} below.";
        return ReadingResult.FromProbability(this, probability, summary,
            "share of (cheaper model, dearer model, price source of each) combinations whose price ratio is within min–max; ratings are not compared (\"equivalent tasks\" is not checked)", evidence);
    }
}
