namespace Parity.Analysis;

/// <summary>
/// One model's rating on one leaderboard snapshot, with what the analysis needs to group it:
/// country of origin and whether its weights are open. Null means "not known".
/// </summary>
/// <param name="Key">The leaderboard's model key, e.g. <c>gemini-2.5-pro</c>.</param>
/// <param name="Name">The display name.</param>
/// <param name="Rating">The published score.</param>
/// <param name="Lower">Lower end of the published 95% interval, when there is one.</param>
/// <param name="Upper">Upper end of the published 95% interval, when there is one.</param>
/// <param name="Organization">Canonical organization name.</param>
/// <param name="Country">ISO 3166 alpha-2 country of the organization.</param>
/// <param name="OpenWeights">True when the weights are published.</param>
/// <param name="Votes">Battles behind the score, when the source publishes them.</param>
public sealed record RatedModel(
    string Key,
    string Name,
    double Rating,
    double? Lower,
    double? Upper,
    string? Organization,
    string? Country,
    bool? OpenWeights,
    int? Votes = null)
{
    /// <summary>The standard error implied by the 95% interval (its half-width / 1.96), or null without one.</summary>
    public double? StandardError => RatingMath.StandardError(Rating, Lower, Upper);
}
