namespace Parity.Arena;

/// <summary>
/// LMArena's rating scale: a strength θ on the natural log-odds scale becomes
/// <c>400·log10(e^θ) + 1000</c>, so 400 points are a 10:1 win ratio.
/// </summary>
public static class RatingScale
{
    /// <summary>Points per unit of natural log-odds: 400 / ln 10 ≈ 173.72.</summary>
    public static readonly double PointsPerLogit = 400 / Math.Log(10);

    /// <summary>The rating of a strength θ (natural log-odds, mean 0 → 1000).</summary>
    public static double Rating(double theta) => 1000 + PointsPerLogit * theta;

    /// <summary>The probability that a model rated <paramref name="ratingA"/> beats one rated <paramref name="ratingB"/>.</summary>
    public static double WinProbability(double ratingA, double ratingB) => 1 / (1 + Math.Pow(10, (ratingB - ratingA) / 400));
}
