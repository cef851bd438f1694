namespace Parity.Analysis;

/// <summary>
/// The gap between the best model of two groups on one snapshot: <c>Leader.Rating − Challenger.Rating</c>,
/// positive when the first group leads.
/// </summary>
/// <param name="Date">Snapshot date.</param>
/// <param name="Source">The snapshot's source file.</param>
/// <param name="Method">The snapshot's rating method.</param>
/// <param name="First">Best model of the first group (e.g. US).</param>
/// <param name="Second">Best model of the second group (e.g. China).</param>
/// <param name="Gap">First minus second, in rating points.</param>
/// <param name="Lower">Lower end of the 95% band, from the two models' intervals (null when a model has none).</param>
/// <param name="Upper">Upper end of the 95% band.</param>
public sealed record GapPoint(
    DateOnly Date,
    string Source,
    string Method,
    RatedModel First,
    RatedModel Second,
    double Gap,
    double? Lower,
    double? Upper)
{
    /// <summary>The probability that the first group's best wins a head-to-head vote against the second's.</summary>
    public double WinProbability => RatingMath.WinProbability(Gap);

    /// <summary>Standard error of the gap (independent normal errors of the two ratings), or null.</summary>
    public double? StandardError => First.StandardError is { } a && Second.StandardError is { } b ? Math.Sqrt(a * a + b * b) : null;
}
