using Parity.Evals;

namespace Parity.Tests.Evals;

public sealed class EvalStatisticsTests
{
    [Fact]
    public void Wilson_interval_matches_the_textbook_value()
    {
        // 8 of 10: Wilson 95% interval 0.4902–0.9433 (Newcombe 1998, method 3).
        var (low, high) = EvalStatistics.Wilson(8, 10);
        low.ShouldBe(0.4902, 0.0005);
        high.ShouldBe(0.9433, 0.0005);
    }

    [Fact]
    public void Wilson_interval_stays_inside_0_and_1_at_the_extremes()
    {
        var (low, high) = EvalStatistics.Wilson(10, 10);
        high.ShouldBe(1.0, 1e-12);
        low.ShouldBe(0.7225, 0.0005);
    }

    [Fact]
    public void McNemar_exact_and_mid_p_match_hand_computed_binomial_tails()
    {
        // b = 1, c = 9: P(X ≤ 1 | n = 10, p = ½) = 11/1024; two-sided 22/1024 = 0.021484.
        var (exact, midP) = EvalStatistics.McNemar(1, 9);
        exact.ShouldBe(22.0 / 1024, 1e-9);
        midP.ShouldBe(2 * (11.0 / 1024 - 0.5 * 10.0 / 1024), 1e-9);
        EvalStatistics.McNemar(5, 5).Exact.ShouldBe(1.0);
        EvalStatistics.McNemar(0, 0).Exact.ShouldBe(1.0);
    }

    [Fact]
    public void McNemar_handles_thousands_of_discordant_pairs()
    {
        var (exact, _) = EvalStatistics.McNemar(900, 1100);
        exact.ShouldBeInRange(1e-6, 1e-4);
    }

    [Theory]
    [InlineData(10, 3, 1, 0.3)]
    [InlineData(10, 3, 5, 1 - 21.0 / 252)]
    [InlineData(10, 0, 5, 0.0)]
    [InlineData(10, 6, 5, 1.0)]
    [InlineData(1, 1, 1, 1.0)]
    public void Pass_at_k_is_the_unbiased_estimator(int n, int c, int k, double expected) =>
        EvalStatistics.PassAtK(n, c, k).ShouldBe(expected, 1e-12);

    [Fact]
    public void Percentiles_interpolate_between_order_statistics()
    {
        var sorted = new double[] { 10, 20, 30, 40, 50 };
        EvalStatistics.Percentile(sorted, 0.5).ShouldBe(30);
        EvalStatistics.Percentile(sorted, 0.9).ShouldBe(46, 1e-9);
    }
}
