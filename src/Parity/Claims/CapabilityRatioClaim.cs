using Parity.Analysis;

namespace Parity.Claims;

/// <summary>
/// <c>capability-ratio</c>: the best model of a group (by country and/or openness) has between <c>min</c> and
/// <c>max</c> of the leader's capability. Arena scores are on an interval scale, so a ratio of scores means
/// nothing; the ratio used is the win-probability scale: 2 × P(group's best beats the overall leader),
/// which is 1.0 for an equal model and 0.9 for a model that wins 45% of its votes against the leader.
/// </summary>
public sealed class CapabilityRatioClaim : ClaimTest
{
    public required string Board { get; init; }

    public DateOnly? Date { get; init; }

    public override IEnumerable<DateTimeOffset> ChangeMoments(ClaimData data) => BoardMoments(data, Board, Date);

    /// <summary>ISO country of the group, or null for any.</summary>
    public string? Country { get; init; }

    /// <summary>Openness of the group, or null for any.</summary>
    public bool? OpenWeights { get; init; }

    public required double Min { get; init; }

    public required double Max { get; init; }

    public const string ScaleText = "capability ratio = 2 × P(win against the leader) = 2 / (1 + 10^(−Δ/400)), Δ = group best − overall leader; 1.0 means equal, 0.9 means winning 45% of head-to-head votes";

    public override ReadingResult Check(ClaimData data)
    {
        var snapshot = data.Snapshot(this, Board, Date);
        bool InGroup(RatedModel m) => (Country is null || m.Country == Country) && (OpenWeights is null || m.OpenWeights == OpenWeights);
        var best = snapshot.Best(InGroup) ?? throw Error($"no model of the group (country {Country ?? "any"}, open weights {OpenWeights?.ToString() ?? "any"}) on the {snapshot.Board} board of {snapshot.Date:yyyy-MM-dd}");
        var leader = snapshot.Best(m => !InGroup(m)) ?? throw Error("every model on the board is in the group; there is no leader to compare with");
        var delta = best.Rating - leader.Rating;
        var ratio = 2 * RatingMath.WinProbability(delta);
        double? se = best.StandardError is { } a && leader.StandardError is { } b ? Math.Sqrt(a * a + b * b) : null;
        var lowDelta = Min <= 0 ? double.NegativeInfinity : RatingMath.GapForWinProbability(Min / 2);
        var highDelta = Max >= 2 ? double.PositiveInfinity : RatingMath.GapForWinProbability(Max / 2);
        var probability = RatingMath.ProbabilityBetween(delta, se, lowDelta, highDelta);
        var strengthRatio = Math.Pow(10, delta / 400);
        var evidence = new List<ClaimEvidence>
        {
            ClaimText.Evidence(best, snapshot) with { Text = "group best: " + ClaimText.Evidence(best, snapshot).Text },
            ClaimText.Evidence(leader, snapshot) with { Text = "leader outside the group: " + ClaimText.Evidence(leader, snapshot).Text },
            new($"Δ = {ClaimText.N(delta)} points → P(win) = {ClaimText.P(RatingMath.WinProbability(delta))}, capability ratio {ClaimText.N(ratio, "F3")} " +
                $"(Bradley–Terry strength ratio 10^(Δ/400) = {ClaimText.N(strengthRatio, "F3")}); the claimed {Min}–{Max} means Δ between {ClaimText.N(lowDelta)} and {ClaimText.N(highDelta)}", snapshot.Source, snapshot.Date.ToString("yyyy-MM-dd")),
        };
        var summary = $"The best {(Country ?? "")}{(OpenWeights == true ? " open-weights" : OpenWeights == false ? " closed" : "")} model {best.Key} has a capability ratio of {ClaimText.N(ratio, "F3")} against {leader.Key} " +
            $"({ClaimText.N(delta)} points) on the {snapshot.Board} board of {snapshot.Date:yyyy-MM-dd}.";
        return ReadingResult.FromProbability(this, probability, summary, ScaleText + "; P(min ≤ ratio ≤ max) with Δ normal, SE from both 95% intervals", evidence);
    }
}
