using System.Runtime.CompilerServices;

namespace Parity.Arena;

/// <summary>
/// Maximum-likelihood Bradley–Terry by Newton's method on the pair counts, ties counted as half a
/// win for each side. The log-likelihood is concave; its Hessian is a weighted graph Laplacian,
/// made invertible with a rank-one term along the all-ones direction so the mean strength stays 0.
/// </summary>
internal static class BradleyTerrySolver
{
    /// <summary>Log-likelihood Σ s·log σ(d) + (n − s)·log σ(−d), d = θi − θj, and its gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double LogLikelihood(PairData data, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        gradient.Clear();
        var ll = 0.0;
        var pi = data.I;
        var pj = data.J;
        var pn = data.N;
        var ps = data.S;
        for (var p = 0; p < pi.Length; p++)
        {
            var n = pn[p];
            if (n == 0)
            {
                continue;
            }

            var i = pi[p];
            var j = pj[p];
            var d = theta[i] - theta[j];
            var s = ps[p];
            // log σ(d) = −log(1 + e^−d), computed without overflow for either sign.
            var softPlusNeg = d > 0 ? Math.Log(1 + Math.Exp(-d)) : -d + Math.Log(1 + Math.Exp(d));
            ll -= s * softPlusNeg + (n - s) * (softPlusNeg + d);
            var sigma = 1 / (1 + Math.Exp(-d));
            var g = s - n * sigma;
            gradient[i] += g;
            gradient[j] -= g;
        }

        return ll;
    }

    /// <summary>The gradient alone (cheaper than <see cref="LogLikelihood"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gradient(PairData data, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        gradient.Clear();
        var pi = data.I;
        var pj = data.J;
        var pn = data.N;
        var ps = data.S;
        for (var p = 0; p < pi.Length; p++)
        {
            var i = pi[p];
            var j = pj[p];
            var g = ps[p] - pn[p] / (1 + Math.Exp(theta[j] - theta[i]));
            gradient[i] += g;
            gradient[j] -= g;
        }
    }

    /// <summary>The negative Hessian (a Laplacian) plus <c>shift·11ᵀ</c>, factored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DenseCholesky? FactorCurvature(PairData data, ReadOnlySpan<double> theta)
    {
        var m = data.Models;
        var h = new double[m * m];
        var diagonal = 0.0;
        for (var p = 0; p < data.I.Length; p++)
        {
            var i = data.I[p];
            var j = data.J[p];
            var sigma = 1 / (1 + Math.Exp(theta[j] - theta[i]));
            var w = data.N[p] * sigma * (1 - sigma);
            h[i * m + i] += w;
            h[j * m + j] += w;
            h[Math.Max(i, j) * m + Math.Min(i, j)] -= w;
            diagonal += 2 * w;
        }

        var shift = Math.Max(diagonal / m / m, 1e-12);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                h[i * m + j] += shift;
            }
        }

        return DenseCholesky.TryFactor(h, m);
    }

    /// <summary>Newton with backtracking from <paramref name="theta"/> until the largest gradient entry is at most <paramref name="tolerance"/>.</summary>
    /// <returns>The number of Newton steps, or -1 when it did not converge.</returns>
    public static int Newton(PairData data, double[] theta, double tolerance, int maxIterations = 200)
    {
        var m = data.Models;
        var gradient = new double[m];
        var step = new double[m];
        var trial = new double[m];
        var trialGradient = new double[m];
        var ll = LogLikelihood(data, theta, gradient);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            if (MaxAbs(gradient) <= tolerance)
            {
                return iteration;
            }

            var factor = FactorCurvature(data, theta);
            if (factor is null)
            {
                return -1;
            }

            gradient.CopyTo(step, 0);
            factor.Solve(step);
            var length = 1.0;
            var improved = false;
            for (var halvings = 0; halvings < 60; halvings++)
            {
                for (var k = 0; k < m; k++)
                {
                    trial[k] = theta[k] + length * step[k];
                }

                var trialLl = LogLikelihood(data, trial, trialGradient);
                if (trialLl >= ll - 1e-12 * Math.Abs(ll))
                {
                    improved = trialLl > ll || MaxAbs(trialGradient) < MaxAbs(gradient);
                    ll = trialLl;
                    trial.CopyTo(theta, 0);
                    trialGradient.CopyTo(gradient, 0);
                    break;
                }

                length /= 2;
            }

            if (!improved)
            {
                // At the limits of floating point: no step improves the likelihood any more.
                return MaxAbs(gradient) <= tolerance * 1e3 ? iteration + 1 : -1;
            }
        }

        return MaxAbs(gradient) <= tolerance ? maxIterations : -1;
    }

    /// <summary>
    /// Chord iterations θ ← θ + H₀⁻¹ g(θ) with a fixed factor (the full fit's curvature), for
    /// bootstrap replicates that start at the full fit: each step costs one gradient.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Chord(PairData data, double[] theta, DenseCholesky factor, double tolerance, int maxIterations, double[] gradient)
    {
        var previous = double.PositiveInfinity;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            Gradient(data, theta, gradient);
            var size = MaxAbs(gradient);
            if (size <= tolerance)
            {
                return true;
            }

            if (size > previous * 0.9 && iteration > 3)
            {
                return false; // too slow: the replicate is far from the full data
            }

            previous = size;
            factor.Solve(gradient);
            for (var k = 0; k < theta.Length; k++)
            {
                theta[k] += gradient[k];
            }
        }

        return false;
    }

    public static void Center(Span<double> theta)
    {
        var mean = 0.0;
        foreach (var t in theta)
        {
            mean += t;
        }

        mean /= theta.Length;
        for (var k = 0; k < theta.Length; k++)
        {
            theta[k] -= mean;
        }
    }

    public static double MaxAbs(ReadOnlySpan<double> values)
    {
        var max = 0.0;
        foreach (var v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }
}
