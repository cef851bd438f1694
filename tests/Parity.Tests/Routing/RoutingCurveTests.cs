using Parity.Routing;

namespace Parity.Tests.Routing;

public sealed class RoutingCurveTests
{
    // Four items: strong right on all, weak right on items 0 and 1. Gap = 50 points.
    private static readonly double[] Strong = [1, 1, 1, 1];
    private static readonly double[] Weak = [1, 1, 0, 0];

    [Fact]
    public void Routing_the_hard_items_first_recovers_the_gap_in_half_the_calls()
    {
        var curve = RoutingCurve.FromOrder([2, 3, 0, 1], Strong, Weak);

        curve.Quality.ShouldBe([0.5, 0.75, 1, 1, 1]);
        curve.Pgr(1).ShouldBe(0.5);
        // Trapezoids over shares 0, ¼, ½, ¾, 1 of PGR 0, ½, 1, 1, 1: (¼ + ¾ + 1 + 1) / 4.
        curve.Apgr().ShouldBe(0.75, 1e-12);
        curve.Cpt(0.5).ShouldBe(0.25, 1e-12);
        curve.Cpt(0.8).ShouldBe(0.25 + (0.25 * 0.6), 1e-12);
    }

    [Fact]
    public void The_worst_order_recovers_nothing_until_the_end_and_the_oracle_is_the_best_order()
    {
        var worst = RoutingCurve.FromOrder([0, 1, 2, 3], Strong, Weak);
        worst.Apgr().ShouldBe(0.25, 1e-12);
        worst.Cpt(0.5).ShouldBe(0.75, 1e-12);

        var oracle = RoutingCurve.Oracle([0, 1, 2, 3], Strong, Weak);
        oracle.Apgr().ShouldBe(0.75, 1e-12);
    }

    [Fact]
    public void Scores_order_the_items_highest_first()
    {
        var curve = RoutingCurve.FromScores([0, 1, 2, 3], [0.1, 0.2, 0.9, 0.8], Strong, Weak, seed: 1);

        curve.Apgr().ShouldBe(0.75, 1e-12);
    }
}
