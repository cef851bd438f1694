using Parity.Analysis;

namespace Parity.Tests.Analysis;

public sealed class StatisticsTests
{
    private static GapPoint Point(DateOnly date, double gap, double halfBand)
    {
        var se = halfBand / RatingMath.Z95 / Math.Sqrt(2);
        var hw = se * RatingMath.Z95;
        var a = new RatedModel("us", "us", 1400 + gap, 1400 + gap - hw, 1400 + gap + hw, "A", "US", false);
        var b = new RatedModel("cn", "cn", 1400, 1400 - hw, 1400 + hw, "B", "CN", true);
        return GapSeries.At(new RatingSnapshot(date, "test", "text", "BT", [a, b]), ModelGroup.UnitedStates, ModelGroup.China)!;
    }

    [Fact]
    public void Trend_recovers_a_known_slope_with_an_interval_around_it()
    {
        var start = new DateOnly(2024, 1, 15);
        var points = Enumerable.Range(0, 24).Select(i => Point(start.AddMonths(i), 100 - 3 * i + (i % 2 == 0 ? 1 : -1), 4)).ToList();
        var trend = GapTrend.Fit(points)!;
        trend.SlopePerMonth.ShouldBe(-3, 0.2);
        trend.Lower.ShouldBeLessThan(trend.SlopePerMonth);
        trend.Upper.ShouldBeGreaterThan(trend.SlopePerMonth);
        trend.Upper.ShouldBeLessThan(0);
        trend.ProbabilityShrinking.ShouldBeGreaterThan(0.99);
        trend.Months.ShouldBe(24);
    }

    [Fact]
    public void A_flat_noisy_gap_has_no_clear_direction()
    {
        var start = new DateOnly(2024, 1, 15);
        var noise = new[] { 5.0, -3, 4, -6, 2, -1, 6, -4, 3, -5, 1, -2 };
        var points = noise.Select((n, i) => Point(start.AddMonths(i), 40 + n, 10)).ToList();
        var trend = GapTrend.Fit(points)!;
        trend.Lower.ShouldBeLessThan(0);
        trend.Upper.ShouldBeGreaterThan(0);
        trend.ProbabilityShrinking.ShouldBeInRange(0.1, 0.9);
    }

    [Fact]
    public void Win_probability_follows_the_elo_curve()
    {
        RatingMath.WinProbability(0).ShouldBe(0.5);
        RatingMath.WinProbability(400).ShouldBe(10.0 / 11, 1e-12);
        RatingMath.WinProbability(36).ShouldBe(0.5516, 1e-4);
        RatingMath.GapForWinProbability(RatingMath.WinProbability(-35)).ShouldBe(-35, 1e-9);
    }

    [Fact]
    public void Frontier_lag_is_measured_on_the_newest_board_from_first_appearances()
    {
        RatedModel M(string key, double r, string c) => new(key, key, r, r - 5, r + 5, c, c, null);
        var jan = new RatingSnapshot(new DateOnly(2025, 1, 1), "s", "text", "BT", [M("us-old", 1300, "US"), M("cn-old", 1250, "CN")]);
        var apr = new RatingSnapshot(new DateOnly(2025, 4, 1), "s", "text", "BT", [M("us-old", 1300, "US"), M("us-mid", 1350, "US"), M("cn-old", 1250, "CN")]);
        var now = new RatingSnapshot(new DateOnly(2025, 10, 1), "s", "text", "BT",
            [M("us-old", 1330, "US"), M("us-mid", 1380, "US"), M("us-new", 1420, "US"), M("cn-new", 1360, "CN")]);
        var lag = FrontierLag.Compute(now, [jan, apr], ModelGroup.UnitedStates, ModelGroup.China)!;
        lag.Reacher!.Key.ShouldBe("us-mid");
        lag.ReachedOn.ShouldBe(new DateOnly(2025, 4, 1));
        lag.Months.ShouldBe(6, 0.05);
        lag.Censored.ShouldBeFalse();

        // When the model that reached the score was already on the first snapshot, the lag is only a lower bound.
        var early = FrontierLag.Compute(now with { Models = [M("us-old", 1330, "US"), M("cn-new", 1320, "CN")] }, [jan, apr], ModelGroup.UnitedStates, ModelGroup.China)!;
        early.ReachedOn.ShouldBe(new DateOnly(2025, 1, 1));
        early.Censored.ShouldBeTrue();

        // No US model as good as the Chinese best: no lag.
        var ahead = FrontierLag.Compute(now with { Models = [M("us-old", 1330, "US"), M("cn-new", 1400, "CN")] }, [jan, apr], ModelGroup.UnitedStates, ModelGroup.China)!;
        ahead.Reacher.ShouldBeNull();
        ahead.Months.ShouldBe(0);
    }

    [Fact]
    public void Pareto_frontier_and_cheapest_within_n_points()
    {
        PricedModel P(string key, double rating, double input, double output) =>
            new(new RatedModel(key, key, rating, null, null, null, "US", false), input, output, "test", "2025-01-01");
        var models = new[] { P("best", 1500, 10, 40), P("good-cheap", 1485, 0.5, 2), P("worse-dearer", 1450, 3, 12), P("cheapest", 1300, 0.05, 0.2) };
        models[0].Blended.ShouldBe(17.5);
        ValueForMoney.ParetoFrontier(models).Select(m => m.Model.Key).ShouldBe(["cheapest", "good-cheap", "best"]);
        ValueForMoney.CheapestWithin(models, 1500, 20)!.Model.Key.ShouldBe("good-cheap");
        ValueForMoney.CheapestWithin(models, 1500, 10)!.Model.Key.ShouldBe("best");
    }
}
