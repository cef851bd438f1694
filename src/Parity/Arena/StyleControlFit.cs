namespace Parity.Arena;

/// <summary>
/// LMArena's 2024 style control (FastChat <c>rating_systems.py</c>, Aug 2024): logistic regression
/// <c>logit P(a wins) = ln10·(r_a − r_b) + Σ β_k f_k</c> on single battles, ties as 0.5, with the
/// four standardised features (a − b)/(a + b + 1) of answer tokens, headers, list items and bold
/// spans, and an L2 penalty 0.25·‖(r, β)‖² on ratings and coefficients alike (reg = 0.5).
/// Solved by Newton's method; the objective is strictly convex.
/// </summary>
internal sealed class StyleControlFit
{
    public static readonly string[] FeatureNames = ["length", "headers", "lists", "bold"];
    private const double Regularization = 0.5;
    private static readonly double Ln10 = Math.Log(10);

    private readonly int _models;
    private readonly int[] _a;
    private readonly int[] _b;
    private readonly double[] _y;
    private readonly double[] _features; // standardised, 4 per row

    public StyleControlFit(VoteSequence sequence, int models)
    {
        _models = models;
        var n = sequence.Count;
        _a = [.. sequence.ModelA];
        _b = [.. sequence.ModelB];
        _y = sequence.Outcome.Select(o => OnlineElo.Score((BattleOutcome)o)).ToArray();
        _features = [.. sequence.Style];
        for (var k = 0; k < 4; k++)
        {
            var mean = 0.0;
            for (var r = 0; r < n; r++)
            {
                mean += _features[r * 4 + k];
            }

            mean /= n;
            var variance = 0.0;
            for (var r = 0; r < n; r++)
            {
                variance += Math.Pow(_features[r * 4 + k] - mean, 2);
            }

            var sd = Math.Sqrt(variance / n);
            for (var r = 0; r < n; r++)
            {
                _features[r * 4 + k] = sd > 0 ? (_features[r * 4 + k] - mean) / sd : 0;
            }
        }
    }

    public int Rows => _a.Length;

    public int Parameters => _models + 4;

    /// <summary>Fits with per-row weights (null: all 1). Returns (r on the log10 scale, then β).</summary>
    public double[] Fit(double[]? weights, double[]? start = null)
    {
        var p = Parameters;
        var theta = start is null ? new double[p] : (double[])start.Clone();
        var gradient = new double[p];
        var tolerance = 1e-10 * Math.Max(1, Rows);
        var loss = Loss(theta, weights, gradient);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            if (BradleyTerrySolver.MaxAbs(gradient) <= tolerance)
            {
                break;
            }

            var factor = DenseCholesky.TryFactor(Hessian(theta, weights), p)
                ?? throw new ParityException("the style-control Hessian is singular.");
            var step = (double[])gradient.Clone();
            factor.Solve(step);
            var length = 1.0;
            var trial = new double[p];
            var trialGradient = new double[p];
            var accepted = false;
            for (var halvings = 0; halvings < 50; halvings++)
            {
                for (var k = 0; k < p; k++)
                {
                    trial[k] = theta[k] - length * step[k];
                }

                var trialLoss = Loss(trial, weights, trialGradient);
                if (trialLoss <= loss + 1e-12 * Math.Abs(loss))
                {
                    accepted = true;
                    loss = trialLoss;
                    (theta, trial) = (trial, theta);
                    (gradient, trialGradient) = (trialGradient, gradient);
                    break;
                }

                length /= 2;
            }

            if (!accepted)
            {
                break;
            }
        }

        return theta;
    }

    private double Loss(double[] theta, double[]? weights, double[] gradient)
    {
        var loss = 0.0;
        for (var k = 0; k < theta.Length; k++)
        {
            gradient[k] = Regularization * theta[k];
            loss += Regularization / 2 * theta[k] * theta[k];
        }

        var m = _models;
        for (var r = 0; r < _a.Length; r++)
        {
            var w = weights?[r] ?? 1;
            if (w == 0)
            {
                continue;
            }

            var f = _features.AsSpan(r * 4, 4);
            var z = Ln10 * (theta[_a[r]] - theta[_b[r]]) + theta[m] * f[0] + theta[m + 1] * f[1] + theta[m + 2] * f[2] + theta[m + 3] * f[3];
            var softPlusNeg = z > 0 ? Math.Log(1 + Math.Exp(-z)) : -z + Math.Log(1 + Math.Exp(z));
            loss += w * (_y[r] * softPlusNeg + (1 - _y[r]) * (softPlusNeg + z));
            var e = w * (1 / (1 + Math.Exp(-z)) - _y[r]);
            gradient[_a[r]] += Ln10 * e;
            gradient[_b[r]] -= Ln10 * e;
            for (var k = 0; k < 4; k++)
            {
                gradient[m + k] += e * f[k];
            }
        }

        return loss;
    }

    private double[] Hessian(double[] theta, double[]? weights)
    {
        var p = Parameters;
        var m = _models;
        var h = new double[p * p];
        for (var k = 0; k < p; k++)
        {
            h[k * p + k] = Regularization;
        }

        Span<int> index = stackalloc int[6];
        Span<double> x = stackalloc double[6];
        for (var r = 0; r < _a.Length; r++)
        {
            var w = weights?[r] ?? 1;
            if (w == 0)
            {
                continue;
            }

            var f = _features.AsSpan(r * 4, 4);
            var z = Ln10 * (theta[_a[r]] - theta[_b[r]]) + theta[m] * f[0] + theta[m + 1] * f[1] + theta[m + 2] * f[2] + theta[m + 3] * f[3];
            var s = 1 / (1 + Math.Exp(-z));
            var c = w * s * (1 - s);
            index[0] = _a[r];
            x[0] = Ln10;
            index[1] = _b[r];
            x[1] = -Ln10;
            for (var k = 0; k < 4; k++)
            {
                index[2 + k] = m + k;
                x[2 + k] = f[k];
            }

            for (var u = 0; u < 6; u++)
            {
                for (var v = 0; v < 6; v++)
                {
                    if (index[u] >= index[v])
                    {
                        h[index[u] * p + index[v]] += c * x[u] * x[v];
                    }
                }
            }
        }

        return h;
    }
}
