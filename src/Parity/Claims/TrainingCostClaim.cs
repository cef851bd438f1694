namespace Parity.Claims;

/// <summary><c>training-cost-below</c>: the final training run of <c>model</c> cost less than <c>max-usd</c>.</summary>
public sealed class TrainingCostClaim : ClaimTest
{
    public required string Model { get; init; }

    public override IEnumerable<(string Field, string Name)> ModelNames => [("model", Model)];

    public required double MaxUsd { get; init; }

    public override ReadingResult Check(ClaimData data)
    {
        var facts = data.Training(Model).Where(f => f.CostUsd is not null).ToList();
        if (facts.Count == 0)
        {
            return ReadingResult.NoData(this,
                $"Parity has no training-cost figure for '{Model}'.",
                "a training-cost estimate for the model (Epoch AI's 'Training compute cost' or the developer's reported GPU-hours and rental price)");
        }

        var evidence = new List<ClaimEvidence>();
        var below = 0.0;
        foreach (var f in facts)
        {
            // A figure with a range counts as the share of the range below the threshold (uniform within it).
            double share = f.CostLow is { } lo && f.CostHigh is { } hi && hi > lo
                ? Math.Clamp((MaxUsd - lo) / (hi - lo), 0, 1)
                : f.CostUsd!.Value < MaxUsd ? 1 : 0;
            below += share;
            var parts = new List<string> { $"{f.Model}: training cost {ClaimText.Usd(f.CostUsd!.Value)}" };
            if (f.GpuHours is { } h)
            {
                parts.Add($"{ClaimText.N(h / 1e6, "0.###")}M {f.Hardware ?? "GPU"}-hours");
            }

            if (f.ComputeFlop is { } flop)
            {
                parts.Add($"{flop:0.##e+0} FLOP");
            }

            if (f.Notes is { } n)
            {
                parts.Add(n);
            }

            evidence.Add(new ClaimEvidence(string.Join("; ", parts), f.Source, f.Date));
        }

        var probability = below / facts.Count;
        var summary = $"{Model}: {string.Join(", ", facts.Select(f => ClaimText.Usd(f.CostUsd!.Value)))} against the claimed {ClaimText.Usd(MaxUsd)}. " +
            "The figure covers the final training run at rental prices, not research, ablations, staff or the cluster itself.";
        return ReadingResult.FromProbability(this, probability, summary,
            "share of cost figures below the threshold (a figure given as a range counts by the share of the range below it)", evidence);
    }
}
