namespace Parity.Arena;

/// <summary>A full-data Bradley–Terry fit: strengths θ (natural log-odds, mean 0) and how well the solver converged.</summary>
internal sealed record BradleyTerryFit(double[] Theta, double MaxGradient, int Iterations, DenseCholesky Curvature)
{
    /// <summary>Fits the pair counts, after checking that the maximum exists.</summary>
    public static BradleyTerryFit Fit(VoteTable table)
    {
        ComparisonGraph.EnsureMaximumExists(table);
        var data = PairData.From(table);
        var theta = new double[data.Models];
        // Converge to the limits of double precision: the gradient is a sum of ~N terms.
        var tolerance = 1e-13 * Math.Max(1, data.Total);
        var iterations = BradleyTerrySolver.Newton(data, theta, tolerance);
        BradleyTerrySolver.Center(theta);
        var gradient = new double[data.Models];
        BradleyTerrySolver.Gradient(data, theta, gradient);
        var max = BradleyTerrySolver.MaxAbs(gradient);
        if (iterations < 0 && max > 1e-6)
        {
            throw new ParityException($"the Bradley–Terry solver did not converge (largest gradient {max:g3}); please report this with the vote file.");
        }

        var curvature = BradleyTerrySolver.FactorCurvature(data, theta)
            ?? throw new ParityException("the Bradley–Terry curvature is singular; the comparison graph is degenerate.");
        return new BradleyTerryFit(theta, max, Math.Max(iterations, 0), curvature);
    }
}
