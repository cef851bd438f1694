using Parity.Claims;
using static Parity.Tests.Claims.ClaimTestData;

namespace Parity.Tests.Claims;

public sealed class ClaimCheckTests
{
    private const string Head = """
          - id: c1
            sentence: "test sentence"
            said: test
        """;

    private static ClaimResult Check(string body, ClaimData? data = null) =>
        Load(Head + "\n" + body).Single().Check(data ?? Data());

    [Fact]
    public void A_claim_the_data_contradict_is_refuted_with_high_confidence()
    {
        var result = Check("""
                type: rating-at-least
                board: text
                models: [cn-open]
                min: 1490
            """);
        result.Verdict.ShouldBe(ClaimVerdict.Refuted);
        result.PTrue!.Value.ShouldBeLessThan(0.001);
        result.Confidence!.Value.ShouldBeGreaterThan(0.999);
        result.Evidence.ShouldContain(e => e.Text.Contains("cn-open 1460.0") && e.Source == "test-newest.csv" && e.Date == "2025-12-01");
    }

    [Fact]
    public void A_claim_the_data_support_is_confirmed_and_a_close_call_is_unconfirmed()
    {
        Check("""
                type: rating-range
                board: text
                models: [us-frontier, us-second]
                min: 1470
                max: 1520
            """).Verdict.ShouldBe(ClaimVerdict.Confirmed);

        // 1460 ± 5 (95%) against a threshold of 1460: a coin flip.
        var close = Check("""
                type: rating-at-least
                board: text
                models: [cn-open]
                min: 1460
            """);
        close.Verdict.ShouldBe(ClaimVerdict.Undecided);
        close.PTrue!.Value.ShouldBe(0.5, 0.01);
        close.Confidence.ShouldBeNull();
    }

    [Fact]
    public void A_claim_without_data_is_unconfirmed_and_says_what_would_decide_it()
    {
        var result = Check("""
                type: token-share
                subject: token usage by origin
                would-decide: usage counts per model
            """);
        result.Verdict.ShouldBe(ClaimVerdict.Undecided);
        result.PTrue.ShouldBeNull();
        result.WouldDecide.ShouldBe("usage counts per model");

        var noCost = Check("""
                type: training-cost-below
                model: us-frontier
                max-usd: 1000000
            """);
        noCost.Verdict.ShouldBe(ClaimVerdict.Undecided);
        noCost.WouldDecide.ShouldNotBeNull();
    }

    [Fact]
    public void Gap_trend_uses_the_bootstrap_probability()
    {
        var result = Check("""
                type: gap-trend
                board: text
                leader: US
                challenger: CN
                to: 2025-06-30
                direction: closing
            """);
        result.Verdict.ShouldBe(ClaimVerdict.Confirmed);
        result.PTrue!.Value.ShouldBeGreaterThan(0.99);
        result.Summary.ShouldContain("-4.");

        Check("""
                type: gap-trend
                board: text
                leader: US
                challenger: CN
                to: 2025-06-30
                direction: widening
            """).Verdict.ShouldBe(ClaimVerdict.Refuted);
    }

    [Fact]
    public void Rank_and_capability_ratio()
    {
        Check("""
                type: rank-top-n
                board: text
                families: [[cn-open*]]
                n: 3
            """).Verdict.ShouldBe(ClaimVerdict.Confirmed);
        Check("""
                type: rank-top-n
                board: text
                families: [cn-open-v2]
                n: 3
            """).Verdict.ShouldBe(ClaimVerdict.Refuted);

        // cn-open is 40 points behind us-frontier: 2 × P(win) = 2 / (1 + 10^(40/400)) = 0.885.
        var ratio = Check("""
                type: capability-ratio
                board: text
                country: CN
                open-weights: true
                min: 0.85
                max: 0.92
            """);
        ratio.Verdict.ShouldBe(ClaimVerdict.Confirmed);
        ratio.Summary.ShouldContain("0.885");
    }

    [Fact]
    public void Price_claims_count_source_disagreement()
    {
        var prices = new[]
        {
            new PricePoint("cheap", 0.2, 0.8, "feed A", "2025-01-01"),
            new PricePoint("dear", 2.5, 10, "feed A", "2025-01-01"),
            new PricePoint("dear", 1.25, 5, "feed B", "2025-02-01"),
        };
        var data = Data(prices);
        var ratio = Check("""
                type: price-ratio
                cheaper: [cheap]
                dearer: [dear]
                min: 5
                max: 10
            """, data);
        ratio.PTrue.ShouldBe(0.5);
        ratio.Verdict.ShouldBe(ClaimVerdict.Undecided);

        var compare = Check("""
                type: price-compare
                model: cheap
                price: output
                value: 0.8
                others: [dear]
                others-at-least: 4
            """, data);
        compare.Verdict.ShouldBe(ClaimVerdict.Confirmed);
    }

    [Fact]
    public void Training_cost_below_a_threshold()
    {
        var data = Data(training: [new TrainingFact("v3", 3.3e24, 2.788e6, "NVIDIA H800", 5.39e6, null, null, "Epoch", "2026-07", null)]);
        var result = Check("""
                type: training-cost-below
                model: v3
                max-usd: 6000000
            """, data);
        result.Verdict.ShouldBe(ClaimVerdict.Confirmed);
        result.Evidence.Single().Text.ShouldContain("2.788M");
    }
}
