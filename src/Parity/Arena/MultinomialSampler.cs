using System.Runtime.CompilerServices;

namespace Parity.Arena;

/// <summary>
/// Exact draws from Multinomial(N, counts / N) for the bootstrap, many times over the same counts.
/// Each cell k gets an independent Poisson(count_k) draw — given their total T, such draws are
/// Multinomial(T, p) — and then T is brought to exactly N: surplus items are removed uniformly at
/// random without replacement, missing items are added as fresh categorical draws. Both keep the
/// items i.i.d., so the result is exactly Multinomial(N, p). Unlike a chain of conditional
/// binomials, every Poisson parameter is fixed across rounds, so the sampler's constants (PTRS,
/// Hörmann 1993) are computed once, and only about √N items need fixing per round.
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

    public MultinomialSampler(long[] counts)
    {
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
                var cell = Array.BinarySearch(_cumulative, u + 1);
                drawn[cell < 0 ? ~cell : cell]++;
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
