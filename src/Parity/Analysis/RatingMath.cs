namespace Parity.Analysis;

/// <summary>The arithmetic of Arena-style ratings (Bradley–Terry on the Elo scale: base 10, scale 400).</summary>
public static class RatingMath
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The probability that a model rated <paramref name="gap"/> points higher wins a head-to-head vote (ties as half): 1/(1+10^(−Δ/400)).</summary>
    public static double WinProbability(double gap) => 1.0 / (1.0 + Math.Pow(10, -gap / 400.0));

    /// <summary>The rating gap that gives a win probability <paramref name="probability"/>: the inverse of <see cref="WinProbability"/>.</summary>
    public static double GapForWinProbability(double probability) => 400.0 * Math.Log10(probability / (1 - probability));

    /// <summary>The standard error implied by a 95% interval, using the wider half when it is asymmetric; null without an interval.</summary>
    public static double? StandardError(double rating, double? lower, double? upper)
    {
        if (lower is null || upper is null)
        {
            return null;
        }

        var half = Math.Max(upper.Value - rating, rating - lower.Value);
        return half > 0 ? half / Z95 : null;
    }

    /// <summary>Standard normal cumulative distribution (Abramowitz–Stegun 7.1.26 via erf, |error| &lt; 1.5e-7).</summary>
    public static double NormalCdf(double z) => 0.5 * (1 + Erf(z / Math.Sqrt(2)));

    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + 0.3275911 * x);
        var y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }

    /// <summary>P(lower ≤ X ≤ upper) for X ~ Normal(mean, sd); with sd 0 or null, 1 or 0.</summary>
    public static double ProbabilityBetween(double mean, double? sd, double lower, double upper)
    {
        if (sd is null or <= 0)
        {
            return mean >= lower && mean <= upper ? 1 : 0;
        }

        var hi = double.IsPositiveInfinity(upper) ? 1 : NormalCdf((upper - mean) / sd.Value);
        var lo = double.IsNegativeInfinity(lower) ? 0 : NormalCdf((lower - mean) / sd.Value);
        return Math.Clamp(hi - lo, 0, 1);
    }

    /// <summary>One draw from Normal(0, 1) (Box–Muller).</summary>
    internal static double NextGaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
