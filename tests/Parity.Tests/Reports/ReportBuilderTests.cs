using Parity.Catalog;
using Parity.Claims;
using Parity.Reports;

namespace Parity.Tests.Reports;

public sealed class ReportBuilderTests
{
    private static readonly Lazy<ReportInputs> Inputs = new(() =>
        ReportData.Create(ShippedHistory.Load(), ModelCatalog.LoadShipped(), null, new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void As_of_2025_08_04_the_text_board_has_gemini_2_5_pro_1470_against_glm_4_5_1434()
    {
        var report = ReportBuilder.Build(Inputs.Value, new ReportOptions("text", new DateOnly(2025, 8, 4)));
        report.AsOf.ShouldBe(new DateOnly(2025, 8, 4));
        var h = report.Standing.UsChina!;
        h.First.Key.ShouldBe("gemini-2.5-pro", StringCompareShould.IgnoreCase);
        h.First.Rating.ShouldBe(1470, 0.5);
        h.Second.Key.ShouldBe("glm-4.5", StringCompareShould.IgnoreCase);
        h.Second.Rating.ShouldBe(1434, 0.5);
        h.Gap.ShouldBe(36, 1);
        h.WinProbability.ShouldBe(0.552, 0.002);
        h.Lower!.Value.ShouldBeLessThan(h.Gap);
        report.Standing.Snapshot.Source.ShouldContain("fboulnois");
        report.Gap.UsChina.Points[^1].Date.ShouldBe(new DateOnly(2025, 8, 4));
    }

    [Fact]
    public void The_report_on_the_newest_data_has_every_section_and_checks_every_shipped_claim()
    {
        var report = ReportBuilder.Build(Inputs.Value, new ReportOptions());
        report.Gap.UsChina.Points.Count.ShouldBeGreaterThan(100);
        report.Gap.UsChina.Points[0].Date.Year.ShouldBe(2023);
        report.Gap.UsChina.Holes.ShouldContain(h => h.From.Year == 2023 && h.To == new DateOnly(2024, 3, 27));
        report.Gap.UsChina.Trend.ShouldNotBeNull();
        report.Gap.ChinaLag.ShouldNotBeNull();
        report.Value.Frontier.Count.ShouldBeGreaterThan(2);
        report.Value.Frontier.Select(f => f.BlendedPrice!.Value).ShouldBeInOrder();
        report.Value.Frontier.Select(f => f.Rating).ShouldBeInOrder();
        report.Efficiency.OpenModels.ShouldContain(r => r.Kind == "moe" && r.Model.Country == "CN");
        report.Efficiency.Training.ShouldContain(t => t.Model == "DeepSeek-V3" && t.Fact.GpuHours == 2.788e6 && t.Fact.CostUsd < 6e6);
        report.Claims.Count.ShouldBe(15);
        report.Claims.Single(c => c.Id == "deepseek-under-6m").Verdict.ShouldBe(ClaimVerdict.Confirmed);

        // Claude Opus 4.5 at 1468 [1461, 1475] on the 2025-12-17 style-control board contradicts "around 1440–1456" on every
        // reading but the loosest (±10 points), which it misses by 2 points: mostly false, decided by that reading.
        var leaders = report.Claims.Single(c => c.Id == "us-leaders-1440-1456");
        leaders.Verdict.ShouldBe(ClaimVerdict.MostlyFalse);
        leaders.DecidedBy.ShouldBe("around = ±10 points");
        leaders.Readings.Count.ShouldBe(4);
        leaders.Evidence.ShouldContain(e => e.Text.StartsWith("claude-opus-4-5-20251101 1468.3", StringComparison.Ordinal) && e.Date == "2025-12-17");

        // The token-share claim is decided from the shipped OpenRouter series: true as a weekly peak, false as the year's average.
        var share = report.Claims.Single(c => c.Id == "chinese-token-share-30");
        share.Verdict.ShouldBe(ClaimVerdict.Mixed);
        share.Confidence.ShouldNotBeNull();
        share.Summary.ShouldContain("OpenRouter traffic only");
        report.Claims.Single(c => c.Id == "investment-109-vs-9").Verdict.ShouldBe(ClaimVerdict.Confirmed);
        report.Trackers.Count.ShouldBe(2);
        report.Trackers.SelectMany(t => t.Disagreements).ShouldContain(d => d.StartsWith("chinese-open-90-95: the seed says 'confirmed'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_style_control_board_starts_in_2025_and_a_date_before_the_history_is_an_error()
    {
        var report = ReportBuilder.Build(Inputs.Value, new ReportOptions("text-style-control"));
        report.Gap.UsChina.Points[0].Date.Year.ShouldBe(2025);
        Should.Throw<ParityException>(() => ReportBuilder.Build(Inputs.Value, new ReportOptions("text", new DateOnly(2020, 1, 1))))
            .Message.ShouldContain("no snapshot on or before 2020-01-01");
    }
}
