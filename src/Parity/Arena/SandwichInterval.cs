namespace Parity.Arena;

/// <summary>
/// The closed-form interval LMArena uses since July 2025 (arena-rank): Cov = H⁻¹ G H⁻¹, with H the
/// Fisher information Σ n·p(1−p) over pairs plus a ridge of 1e-5·N on the diagonal, and G the
/// covariance of the per-vote gradients Σ count·(y − p)² over the (pair, outcome) cells.
/// </summary>
internal static class SandwichInterval
{
    /// <summary>Standard errors of θ (natural log-odds) per model.</summary>
    public static double[] StandardErrors(VoteTable table, double[] theta)
    {
        var m = table.Models.Count;
        var h = new double[m * m];
        var g = new double[m * m];
        for (var p = 0; p < table.PairCount; p++)
        {
            var i = table.PairI[p];
            var j = table.PairJ[p];
            var prob = 1 / (1 + Math.Exp(theta[j] - theta[i]));
            var n = table.WinsI[p] + table.Ties[p] + table.WinsJ[p];
            var fisher = n * prob * (1 - prob);
            var spread = table.WinsI[p] * Square(1 - prob) + table.Ties[p] * Square(0.5 - prob) + table.WinsJ[p] * Square(prob);
            AddLaplacian(h, m, i, j, fisher);
            AddLaplacian(g, m, i, j, spread);
        }

        var ridge = 1e-5 * table.TotalVotes;
        for (var i = 0; i < m; i++)
        {
            h[i * m + i] += ridge;
        }

        var factor = DenseCholesky.TryFactor(h, m) ?? throw new ParityException("the sandwich interval's information matrix is singular.");
        var inverse = factor.Inverse();
        // Cov_ii = Σ_kl Hinv_ik G_kl Hinv_li
        var errors = new double[m];
        var row = new double[m];
        for (var i = 0; i < m; i++)
        {
            for (var l = 0; l < m; l++)
            {
                var sum = 0.0;
                for (var k = 0; k < m; k++)
                {
                    sum += inverse[i * m + k] * g[k * m + l];
                }

                row[l] = sum;
            }

            var variance = 0.0;
            for (var l = 0; l < m; l++)
            {
                variance += row[l] * inverse[l * m + i];
            }

            errors[i] = Math.Sqrt(Math.Max(variance, 0));
        }

        return errors;
    }

    private static double Square(double x) => x * x;

    private static void AddLaplacian(double[] a, int m, int i, int j, double w)
    {
        a[i * m + i] += w;
        a[j * m + j] += w;
        a[i * m + j] -= w;
        a[j * m + i] -= w;
    }
}
