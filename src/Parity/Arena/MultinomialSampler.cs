using System.Runtime.CompilerServices;

namespace Parity.Arena;

/// <summary>
/// Exact draws from Multinomial(N, counts / N) for the bootstrap, many times over the same counts.
/// Each cell k gets an independent Poisson(count_k) draw — given their total T, such draws are
/// Multinomial(T, p) — and then T is brought to exactly N: surplus items are removed uniformly at
/// random without replacement, missing items are added as fresh categorical draws. Both keep the
/// items i.i.d., so the result is exactly Multinomial(N, p). Unlike a chain of conditional
/// binomials, every Poisson parameter is fixed across rounds, so the sampler's constants are
/// computed once, and only about √N items need fixing per round. Cells with at most
/// <see cref="TableLimit"/> votes (most cells: counts repeat, so there are few distinct ones) draw
/// by inversion of the Poisson CDF with a guide table (one uniform, one or two compares); larger
/// cells use PTRS (Hörmann 1993).
/// </summary>
internal sealed class MultinomialSampler
{
    private readonly long[] _counts;
    private readonly long _total;
    private readonly long[] _cumulative;

    // PTRS constants per cell (λ ≥ 10), or e^−λ for the multiplication method (λ < 10).
    private readonly double[] _lambda;
    private readonly double[] _logLambda;
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _logInvAlpha;
    private readonly double[] _vr;
    private readonly double[] _expNegLambda;
    private readonly double[] _logFactorial;

    /// <summary>Cells up to this count draw from a CDF table shared by all cells with that count.</summary>
    internal const int TableLimit = 512;

    // Inversion tables, one per distinct count ≤ TableLimit, back to back: the Poisson CDF
    // F(0..K) with K where the tail is below 1e-18, and a guide (Chen and Asau 1974) of the same
    // length: guide[j] = the first k with F(k) > j / length.
    private readonly int[] _tableOf;
    private readonly int[] _tableStart;
    private readonly double[] _cdf;
    private readonly int[] _guide;

    public MultinomialSampler(long[] counts)
    {
        (_tableOf, _tableStart, _cdf, _guide) = BuildTables(counts);
        _counts = counts;
        var k = counts.Length;
        _cumulative = new long[k];
        _lambda = new double[k];
        _logLambda = new double[k];
        _a = new double[k];
        _b = new double[k];
        _logInvAlpha = new double[k];
        _vr = new double[k];
        _expNegLambda = new double[k];
        long maxCount = 0;
        for (var i = 0; i < k; i++)
        {
            _total += counts[i];
            _cumulative[i] = _total;
            maxCount = Math.Max(maxCount, counts[i]);
            double lambda = counts[i];
            _lambda[i] = lambda;
            _expNegLambda[i] = Math.Exp(-lambda);
            if (lambda >= 10)
            {
                var b = 0.931 + 2.53 * Math.Sqrt(lambda);
                _b[i] = b;
                _a[i] = -0.059 + 0.02483 * b;
                _logInvAlpha[i] = Math.Log(1.1239 + 1.1328 / (b - 3.4));
                _vr[i] = 0.9277 - 3.6224 / (b - 2);
                _logLambda[i] = Math.Log(lambda);
            }
        }

        // log k! up to well past the largest Poisson draw any cell can plausibly make.
        var limit = (int)Math.Min(int.MaxValue - 1, maxCount + 20 * Math.Sqrt(maxCount + 1) + 100);
        _logFactorial = new double[limit + 1];
        for (var i = 1; i <= limit; i++)
        {
            _logFactorial[i] = _logFactorial[i - 1] + Math.Log(i);
        }
    }

    public long Total => _total;

    public int Cells => _counts.Length;

    /// <summary>Fills <paramref name="drawn"/> with one Multinomial(N, counts/N) draw; <paramref name="tree"/> is scratch of length cells + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Draw(SplitMix random, long[] drawn, long[] tree)
    {
        long sum = 0;
        for (var i = 0; i < drawn.Length; i++)
        {
            var x = _counts[i] == 0 ? 0 : Poisson(random, i);
            drawn[i] = x;
            sum += x;
        }

        if (sum < _total)
        {
            // Add the missing items as categorical draws with p = counts / N.
            for (var n = sum; n < _total; n++)
            {
                var u = (long)(random.NextDouble() * _total);
                drawn[FirstAbove(_cumulative, u)]++;
            }
        }
        else if (sum > _total)
        {
            // Remove surplus items uniformly among all drawn items (a Fenwick tree finds the i-th item).
            BuildTree(drawn, tree);
            for (var n = sum; n > _total; n--)
            {
                var target = (long)(random.NextDouble() * n);
                var cell = FindAndRemove(tree, target);
                drawn[cell]--;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long Poisson(SplitMix random, int cell)
    {
        var table = _tableOf[cell];
        if (table >= 0)
        {
            var start = _tableStart[table];
            var length = _tableStart[table + 1] - start;
            var u = random.NextDouble();
            var k = _guide[start + Math.Min((int)(u * length), length - 1)];
            // The guide is a lower bound when u·length is exact; one step back covers its rounding.
            while (k > 0 && _cdf[start + k - 1] > u)
            {
                k--;
            }

            while (k < length && _cdf[start + k] <= u)
            {
                k++;
            }

            if (k < length)
            {
                return k;
            }

            // Beyond the table (probability below 1e-18): draw this one by the general method.
        }

        return PoissonByRejection(random, cell);
    }

    private long PoissonByRejection(SplitMix random, int cell)
    {
        var lambda = _lambda[cell];
        if (lambda < 10)
        {
            // Multiplication method: count uniforms until their product drops below e^−λ.
            var limit = _expNegLambda[cell];
            long x = 0;
            var product = random.NextDouble();
            while (product > limit)
            {
                product *= random.NextDouble();
                x++;
            }

            return x;
        }

        var a = _a[cell];
        var b = _b[cell];
        var vr = _vr[cell];
        while (true)
        {
            var u = random.NextDouble() - 0.5;
            var v = random.NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr)
            {
                return (long)k;
            }

            if (k < 0 || (us < 0.013 && v > us))
            {
                continue;
            }

            var logFactorial = k < _logFactorial.Length ? _logFactorial[(int)k] : LogFactorialStirling(k);
            if (Math.Log(v) + _logInvAlpha[cell] - Math.Log(a / (us * us) + b) <= -lambda + k * _logLambda[cell] - logFactorial)
            {
                return (long)k;
            }
        }
    }

    private static (int[] TableOf, int[] TableStart, double[] Cdf, int[] Guide) BuildTables(long[] counts)
    {
        var tableOf = new int[counts.Length];
        var byCount = new Dictionary<long, int>();
        var starts = new List<int> { 0 };
        var cdf = new List<double>();
        for (var i = 0; i < counts.Length; i++)
        {
            var count = counts[i];
            if (count <= 0 || count > TableLimit)
            {
                tableOf[i] = -1;
                continue;
            }

            if (!byCount.TryGetValue(count, out var table))
            {
                table = byCount.Count;
                byCount[count] = table;
                double lambda = count;
                var p = Math.Exp(-lambda);
                var sum = 0.0;
                for (var k = 0; ; k++)
                {
                    sum += p;
                    cdf.Add(sum);
                    if ((k >= lambda && p < 1e-18) || sum >= 1)
                    {
                        break;
                    }

                    p *= lambda / (k + 1);
                }

                starts.Add(cdf.Count);
            }

            tableOf[i] = table;
        }

        var values = cdf.ToArray();
        var guide = new int[values.Length];
        for (var t = 0; t + 1 < starts.Count; t++)
        {
            var start = starts[t];
            var length = starts[t + 1] - start;
            var k = 0;
            for (var j = 0; j < length; j++)
            {
                var threshold = (double)j / length;
                while (k < length - 1 && values[start + k] <= threshold)
                {
                    k++;
                }

                guide[start + j] = k;
            }
        }

        return (tableOf, starts.ToArray(), values, guide);
    }

    /// <summary>The first index whose cumulative count exceeds <paramref name="u"/> (0 ≤ u &lt; total).</summary>
    private static int FirstAbove(long[] cumulative, long u)
    {
        var low = 0;
        var high = cumulative.Length - 1;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (cumulative[middle] > u)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private static double LogFactorialStirling(double k) =>
        (k + 0.5) * Math.Log(k + 1) - (k + 1) + 0.5 * Math.Log(2 * Math.PI) + 1 / (12 * (k + 1));

    private static void BuildTree(long[] values, long[] tree)
    {
        // Fenwick tree, 1-based: tree[i] holds the sum of values (i − lowbit(i), i]; tree[0] unused.
        var n = values.Length;
        tree[0] = 0;
        Array.Copy(values, 0, tree, 1, n);
        for (var i = 1; i <= n; i++)
        {
            var parent = i + (i & -i);
            if (parent <= n)
            {
                tree[parent] += tree[i];
            }
        }
    }

    /// <summary>The 0-based cell holding the item at 0-based position <paramref name="target"/>; removes that item from the tree.</summary>
    private static int FindAndRemove(long[] tree, long target)
    {
        var n = tree.Length - 1;
        var position = 0;
        var step = 1;
        while (step * 2 <= n)
        {
            step *= 2;
        }

        for (; step > 0; step /= 2)
        {
            var next = position + step;
            if (next <= n && tree[next] <= target)
            {
                position = next;
                target -= tree[next];
            }
        }

        for (var i = position + 1; i <= n; i += i & -i)
        {
            tree[i]--;
        }

        return position;
    }
}
