namespace Parity.Analysis;

/// <summary>A linear trend of a gap series in points per month, with a 95% bootstrap interval.</summary>
/// <param name="SlopePerMonth">OLS slope, rating points per month (negative = the gap shrinks).</param>
/// <param name="Lower">2.5th percentile of the bootstrap slopes.</param>
/// <param name="Upper">97.5th percentile of the bootstrap slopes.</param>
/// <param name="ProbabilityShrinking">Share of bootstrap slopes below zero: the probability that the gap is closing.</param>
/// <param name="Months">How many monthly points the fit used.</param>
/// <param name="From">First point's date.</param>
/// <param name="To">Last point's date.</param>
/// <param name="Rounds">Bootstrap rounds.</param>
public sealed record TrendEstimate(
    double SlopePerMonth,
    double Lower,
    double Upper,
    double ProbabilityShrinking,
    int Months,
    DateOnly From,
    DateOnly To,
    int Rounds)
{
    /// <summary>How the figures are computed, for help text and reports.</summary>
    public const string MethodText =
        "Ordinary least squares of the gap on time, on the last snapshot of each calendar month (so the weekly stretches of the history do not outweigh the sparse ones). " +
        "The interval is a bootstrap: months resampled with replacement and each month's gap redrawn from its 95% band (normal), 2,000 rounds, fixed seed; " +
        "the 2.5th and 97.5th percentiles of the refitted slopes. P(closing) is the share of refitted slopes below zero.";
}
