namespace Parity.Routing;

/// <summary>A figure on the evaluated items and its bootstrap 95% interval (percentiles 2.5 and 97.5).</summary>
internal sealed record MetricEstimate(double Value, double Low, double High)
{
    public static MetricEstimate From(double value, List<double> rounds)
    {
        if (rounds.Count == 0)
        {
            return new MetricEstimate(value, value, value);
        }

        rounds.Sort();
        double At(double q) => rounds[Math.Clamp((int)Math.Round(q * (rounds.Count - 1)), 0, rounds.Count - 1)];
        return new MetricEstimate(value, At(0.025), At(0.975));
    }
}
