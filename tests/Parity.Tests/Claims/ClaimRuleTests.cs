using Parity.Claims;

namespace Parity.Tests.Claims;

public sealed class ClaimRuleTests
{
    private static ReadingResult R(string name, double? p, string role = "reading") =>
        new(name, "t", role, p is { } x ? ClaimRule.ReadingVerdictOf(x) : ReadingVerdict.NoData, p, "", "", []);

    [Fact]
    public void All_holding_confirms_with_the_weakest_reading_deciding_and_its_probability_as_confidence()
    {
        var d = ClaimRule.Combine([R("strict", 0.93), R("lenient", 0.99)]);
        d.Verdict.ShouldBe(ClaimVerdict.Confirmed);
        d.Confidence.ShouldBe(0.93);
        d.DecidedBy.ShouldBe("strict");
    }

    [Fact]
    public void A_split_is_mixed_more_holding_is_mostly_true_and_more_failing_is_mostly_false()
    {
        var mixed = ClaimRule.Combine([R("every variant", 0.07), R("best variant", 0.99)]);
        mixed.Verdict.ShouldBe(ClaimVerdict.Mixed);
        mixed.Confidence!.Value.ShouldBe((0.93 + 0.99) / 2, 1e-9);
        mixed.Why.ShouldContain("holds on 'best variant'");
        mixed.Why.ShouldContain("fails on 'every variant'");

        var mostlyTrue = ClaimRule.Combine([R("a", 0.95), R("b", 0.97), R("c", 0.5)]);
        mostlyTrue.Verdict.ShouldBe(ClaimVerdict.MostlyTrue);
        mostlyTrue.DecidedBy.ShouldBe("c");

        var mostlyFalse = ClaimRule.Combine([R("a", 0.0), R("b", 0.05), R("c", 0.26)]);
        mostlyFalse.Verdict.ShouldBe(ClaimVerdict.MostlyFalse);
        mostlyFalse.DecidedBy.ShouldBe("c");
        mostlyFalse.Confidence!.Value.ShouldBe(1 - (0.0 + 0.05 + 0.26) / 3, 1e-9);
    }

    [Fact]
    public void Context_readings_and_readings_without_data_do_not_count_and_no_data_at_all_is_undecided()
    {
        var d = ClaimRule.Combine([R("AI Index", 1.0), R("OECD VC", 0.0, "context"), R("global", null)]);
        d.Verdict.ShouldBe(ClaimVerdict.Confirmed);
        d.Why.ShouldContain("no data for 'global'");

        var none = ClaimRule.Combine([R("global", null)]);
        none.Verdict.ShouldBe(ClaimVerdict.Undecided);
        none.Confidence.ShouldBeNull();
        ClaimRule.Combine([R("close call", 0.5)]).Verdict.ShouldBe(ClaimVerdict.Undecided);
    }

    [Fact]
    public void A_reading_inherits_the_claims_fields_and_a_reading_of_another_type_stands_alone()
    {
        var claim = ClaimTestData.Load("""
              - id: variants
                sentence: "x"
                type: rating-at-least
                board: text
                models: [cn-open*]
                min: 1430
                readings:
                  - name: every variant
                    quantifier: all
                  - name: the best variant
                    quantifier: any
                  - name: unknowable
                    type: no-data
                    subject: the future
                    would-decide: time
            """).Single();
        var result = claim.Check(ClaimTestData.Data());
        result.Readings.Select(r => r.Verdict).ShouldBe([ReadingVerdict.Fails, ReadingVerdict.Holds, ReadingVerdict.NoData]);
        result.Verdict.ShouldBe(ClaimVerdict.Mixed);
        result.Readings[0].Evidence.ShouldContain(e => e.Text.StartsWith("cn-open-v2 1400.0", StringComparison.Ordinal));
    }
}
