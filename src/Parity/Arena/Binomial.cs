namespace Parity.Arena;

/// <summary>
/// Exact binomial and multinomial sampling: inversion for small means, and the BTRS
/// transformed-rejection method (Hörmann 1993) for n·p ≥ 10. A multinomial draw is a chain of
/// conditional binomials, so a bootstrap over N votes costs one draw per count cell, not N.
/// </summary>
internal static class Binomial
{
    // log k! for k up to the largest n a bootstrap needs; grown (never shrunk) before parallel work starts.
    private static double[] _logFactorial = [0.0];

    /// <summary>Makes the exact acceptance test of BTRS a table lookup for every n up to <paramref name="n"/>.</summary>
    public static void Prepare(long n)
    {
        var table = _logFactorial;
        if (n < table.Length || n > 50_000_000)
        {
            return;
        }

        var bigger = new double[n + 1];
        table.CopyTo(bigger, 0);
        for (var k = table.Length; k <= n; k++)
        {
            bigger[k] = bigger[k - 1] + Math.Log(k);
        }

        _logFactorial = bigger;
    }

    // log k! − [(k + ½)·log(k + 1) − (k + 1) + ½·log 2π] for k = 0..9 (the Stirling-series remainder).
    private static readonly double[] StirlingTail =
    [
        0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
        0.0138761288230707, 0.0118967099458917, 0.0104112652619720, 0.00925546218271273, 0.00833056343336287,
    ];

    public static long Sample(SplitMix random, long n, double p)
    {
        if (n <= 0 || p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return n;
        }

        if (p > 0.5)
        {
            return n - Sample(random, n, 1 - p);
        }

        return n * p < 10 ? Inversion(random, n, p) : Btrs(random, n, p);
    }

    /// <summary>Draws counts ~ Multinomial(total, weights / Σ weights) into <paramref name="counts"/>.</summary>
    public static void Multinomial(SplitMix random, long total, ReadOnlySpan<long> weights, long weightSum, Span<long> counts)
    {
        var remaining = total;
        var remainingWeight = weightSum;
        for (var k = 0; k < weights.Length; k++)
        {
            if (remaining == 0 || remainingWeight <= 0)
            {
                counts[k] = 0;
                continue;
            }

            var drawn = weights[k] >= remainingWeight ? remaining : Sample(random, remaining, (double)weights[k] / remainingWeight);
            counts[k] = drawn;
            remaining -= drawn;
            remainingWeight -= weights[k];
        }
    }

    private static long Inversion(SplitMix random, long n, double p)
    {
        var q = 1 - p;
        var s = p / q;
        var a = (n + 1) * s;
        var r = Math.Exp(n * Math.Log(q));
        var u = random.NextDouble();
        long x = 0;
        while (u > r)
        {
            u -= r;
            x++;
            if (x > n)
            {
                // Rounding left u above the total mass: start again.
                x = 0;
                u = random.NextDouble();
                r = Math.Exp(n * Math.Log(q));
                continue;
            }

            r *= a / x - s;
        }

        return x;
    }

    private static double Tail(double k)
    {
        if (k < 10)
        {
            return StirlingTail[(int)k];
        }

        var k1 = k + 1;
        var k2 = k1 * k1;
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / k2) / k2) / k1;
    }

    private static long Btrs(SplitMix random, long n, double p)
    {
        var spq = Math.Sqrt(n * p * (1 - p));
        var b = 1.15 + 2.53 * spq;
        var a = -0.0873 + 0.0248 * b + 0.01 * p;
        var c = n * p + 0.5;
        var vr = 0.92 - 4.2 / b;
        var r = p / (1 - p);
        var alpha = (2.83 + 5.1 / b) * spq;
        var m = Math.Floor((n + 1) * p);
        double? logR = null;
        while (true)
        {
            var u = random.NextDouble() - 0.5;
            var v = random.NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2 * a / us + b) * u + c);
            if (k < 0 || k > n)
            {
                continue;
            }

            if (us >= 0.07 && v <= vr)
            {
                return (long)k;
            }

            v = Math.Log(v * alpha / (a / (us * us) + b));
            // Accept when v ≤ log f(k)/f(m) for the binomial probabilities f: exact, from log-factorials.
            var table = _logFactorial;
            double bound;
            if (n < table.Length)
            {
                logR ??= Math.Log(r);
                bound = table[(int)m] + table[(int)(n - m)] - table[(int)k] - table[(int)(n - k)] + (k - m) * logR.Value;
            }
            else
            {
                bound = (m + 0.5) * Math.Log((m + 1) / (r * (n - m + 1)))
                    + (n + 1) * Math.Log((n - m + 1) / (n - k + 1))
                    + (k + 0.5) * Math.Log(r * (n - k + 1) / (k + 1))
                    + Tail(m) + Tail(n - m) - Tail(k) - Tail(n - k);
            }

            if (v <= bound)
            {
                return (long)k;
            }
        }
    }
}
