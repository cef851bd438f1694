namespace Parity.Arena;

/// <summary>
/// The minorization–maximization solver for Bradley–Terry (Hunter 2004; Zermelo 1929):
/// p_i ← W_i / Σ_j n_ij / (p_i + p_j). Slow but independent of the Newton solver, so a test can
/// check that both reach the same maximum.
/// </summary>
internal static class BradleyTerryMm
{
    /// <summary>Strengths θ = ln p with mean 0.</summary>
    public static double[] Fit(PairData data, double relativeTolerance = 1e-13, int maxIterations = 1_000_000)
    {
        var m = data.Models;
        var wins = new double[m];
        for (var p = 0; p < data.I.Length; p++)
        {
            wins[data.I[p]] += data.S[p];
            wins[data.J[p]] += data.N[p] - data.S[p];
        }

        var strength = Enumerable.Repeat(1.0, m).ToArray();
        var denominator = new double[m];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            Array.Clear(denominator);
            for (var p = 0; p < data.I.Length; p++)
            {
                var i = data.I[p];
                var j = data.J[p];
                var share = data.N[p] / (strength[i] + strength[j]);
                denominator[i] += share;
                denominator[j] += share;
            }

            var change = 0.0;
            var logSum = 0.0;
            for (var i = 0; i < m; i++)
            {
                var next = wins[i] / denominator[i];
                change = Math.Max(change, Math.Abs(next - strength[i]) / strength[i]);
                strength[i] = next;
                logSum += Math.Log(next);
            }

            var scale = Math.Exp(-logSum / m);
            for (var i = 0; i < m; i++)
            {
                strength[i] *= scale;
            }

            if (change < relativeTolerance)
            {
                break;
            }
        }

        return strength.Select(p => Math.Log(p)).ToArray();
    }
}
