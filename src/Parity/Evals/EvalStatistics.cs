namespace Parity.Evals;

/// <summary>The statistics the evaluation report uses.</summary>
public static class EvalStatistics
{
    /// <summary>Wilson score interval for a proportion of <paramref name="successes"/> in <paramref name="n"/> (95% by default).</summary>
    public static (double Low, double High) Wilson(double successes, long n, double z = 1.959963984540054)
    {
        if (n <= 0)
        {
            return (double.NaN, double.NaN);
        }

        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// McNemar's exact test on the discordant pairs: <paramref name="b"/> items only the first model
    /// got right, <paramref name="c"/> only the second. Returns the two-sided exact binomial p-value
    /// and the mid-p value (which halves the probability of the observed table; less conservative).
    /// </summary>
    public static (double Exact, double MidP) McNemar(long b, long c)
    {
        var n = b + c;
        if (n == 0)
        {
            return (1, 1);
        }

        var k = Math.Min(b, c);
        var tail = 0.0;
        for (var i = 0; i <= k; i++)
        {
            tail += BinomialPmfHalf(n, i);
        }

        var exact = Math.Min(1, 2 * tail);
        var midP = Math.Min(1, 2 * (tail - 0.5 * BinomialPmfHalf(n, k)));
        return (exact, midP);
    }

    /// <summary>P(X = k) for X ~ Binomial(n, 1/2), computed in log space so large n does not overflow.</summary>
    public static double BinomialPmfHalf(long n, long k) =>
        Math.Exp(LogChoose(n, k) - n * Math.Log(2));

    private static double LogChoose(long n, long k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    private static double LogFactorial(long n)
    {
        var sum = 0.0;
        for (long i = 2; i <= n; i++)
        {
            sum += Math.Log(i);
        }

        return sum;
    }

    /// <summary>
    /// Unbiased pass@k from <paramref name="n"/> samples of which <paramref name="c"/> passed:
    /// 1 − C(n−c, k) / C(n, k), computed as a product to stay exact for large n.
    /// </summary>
    public static double PassAtK(int n, int c, int k)
    {
        if (k > n || k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"pass@{k} needs 1 ≤ k ≤ n = {n} samples");
        }

        if (n - c < k)
        {
            return 1.0;
        }

        var failAll = 1.0;
        for (var i = n - c + 1; i <= n; i++)
        {
            failAll *= 1.0 - (double)k / i;
        }

        return 1.0 - failAll;
    }

    /// <summary>The q-quantile (0–1) by linear interpolation between order statistics; NaN when empty.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
