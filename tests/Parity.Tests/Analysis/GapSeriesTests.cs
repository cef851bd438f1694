using Parity.Analysis;
using Parity.Reports;

namespace Parity.Tests.Analysis;

public sealed class GapSeriesTests
{
    private static IReadOnlyList<RatingSnapshot> Text() => SnapshotSelection.OnePerEra(ShippedHistory.Load()["text"], "text");

    [Theory]
    [InlineData("2025-08-04", "Gemini-2.5-Pro", 1470, "GLM-4.5", 1434)]
    [InlineData("2024-04-03", "Claude 3 Opus", 1256, "Qwen1.5-72B-Chat", 1151)]
    [InlineData("2025-01-07", "Gemini-Exp-1206", 1374, "DeepSeek-V3", 1319)]
    [InlineData("2025-04-05", "Gemini-2.5-Pro-Preview-03-25", 1440, "DeepSeek-V3-0324", 1370)]
    public void Gap_at_known_snapshots_matches_the_published_board(string date, string us, double usScore, string cn, double cnScore)
    {
        var series = GapSeries.Compute(Text(), ModelGroup.UnitedStates, ModelGroup.China);
        var point = series.Points.Single(p => p.Date == DateOnly.Parse(date));
        point.First.Name.ShouldBe(us, StringCompareShould.IgnoreCase);
        point.First.Rating.ShouldBe(usScore, 0.5);
        point.Second.Name.ShouldBe(cn, StringCompareShould.IgnoreCase);
        point.Second.Rating.ShouldBe(cnScore, 0.5);
        point.Gap.ShouldBe(usScore - cnScore, 1.0);
        if (point.First.Lower is not null && point.Second.Lower is not null)
        {
            point.Lower!.Value.ShouldBeLessThan(point.Gap);
            point.Upper!.Value.ShouldBeGreaterThan(point.Gap);
        }
    }

    [Fact]
    public void One_source_per_era_never_uses_online_elo_and_marks_the_early_2024_hole()
    {
        var snapshots = Text();
        snapshots.ShouldAllBe(s => !s.Method.Contains("NOT the displayed"));
        snapshots.Select(s => s.Date).Distinct().Count().ShouldBe(snapshots.Count);
        snapshots.ShouldNotContain(s => s.Date > new DateOnly(2024, 1, 1) && s.Date < new DateOnly(2024, 3, 27));
        var series = GapSeries.Compute(snapshots, ModelGroup.UnitedStates, ModelGroup.China);
        series.Holes.ShouldContain(h => h.Reason.Contains("2024-01-09"), string.Join("; ", series.Holes.Select(h => $"{h.From}→{h.To}")));
        series.Holes.ShouldContain(h => h.From < new DateOnly(2024, 1, 9) && h.To >= new DateOnly(2024, 3, 27));
    }

    [Fact]
    public void Band_is_the_two_intervals_combined()
    {
        var a = new RatedModel("a", "a", 1500, 1490.2, 1509.8, "X", "US", false);
        var b = new RatedModel("b", "b", 1450, 1440.2, 1459.8, "Y", "CN", true);
        var point = GapSeries.At(new RatingSnapshot(new DateOnly(2025, 1, 1), "s", "text", "m", [a, b]), ModelGroup.UnitedStates, ModelGroup.China)!;
        point.Gap.ShouldBe(50);
        (point.Upper!.Value - point.Gap).ShouldBe(9.8 * Math.Sqrt(2), 0.01);
        point.WinProbability.ShouldBe(1 / (1 + Math.Pow(10, -50 / 400.0)), 1e-12);
    }
}
