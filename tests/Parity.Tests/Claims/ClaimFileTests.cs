using Parity.Claims;
using static Parity.Tests.Claims.ClaimTestData;

namespace Parity.Tests.Claims;

public sealed class ClaimFileTests
{
    [Fact]
    public void The_shipped_claims_file_has_the_press_claims_and_the_tracker_lines()
    {
        var set = ClaimFile.LoadSet(Parity.ShippedData.PathOf("claims/claims.yaml"));
        var claims = set.Claims;
        claims.Count.ShouldBe(15);
        set.Trackers.Select(t => t.Id).ShouldBe(["cost-efficiency", "narrowing"]);
        set.Trackers.ShouldAllBe(t => t.Label == "confidence 80 %");
        claims.Where(c => c.Tracker is not null).ShouldAllBe(c => c.SeedLabel == "confirmed" || c.SeedLabel == "unconfirmed");

        // Every claim with a vague word has at least two readings.
        foreach (var vague in new[] { "us-leaders-1440-1456", "deepseek-v32-1419", "chinese-open-90-95", "chinese-token-share-30", "qwen-5-10x-cheaper" })
        {
            claims.Single(c => c.Id == vague).Readings.Count.ShouldBeGreaterThanOrEqualTo(2, vague);
        }

        claims.Select(c => c.Id).ShouldBeUnique();
        claims.ShouldAllBe(c => c.Sentence.Length > 10);
        claims.Select(c => c.Type).ShouldContain("token-share");
    }

    [Fact]
    public void An_unknown_claim_type_is_an_error_naming_the_claim_and_line()
    {
        var ex = Should.Throw<ParityException>(() => Load("""
              - id: made-up
                sentence: "x"
                type: vibes
            """));
        ex.Message.ShouldContain("claim 'made-up'");
        ex.Message.ShouldContain("unknown claim type 'vibes'");
        ex.Message.ShouldContain(":4:");
    }

    [Fact]
    public void An_unknown_field_or_a_bad_number_is_an_error_naming_the_claim()
    {
        Should.Throw<ParityException>(() => Load("""
              - id: typo
                sentence: "x"
                type: rating-at-least
                board: text
                models: [a]
                min: 3
                quantifer: any
            """)).Message.ShouldContain("claim 'typo': field 'quantifer' is unknown");
        Should.Throw<ParityException>(() => Load("""
              - id: nan
                sentence: "x"
                type: rating-at-least
                board: text
                models: [a]
                min: lots
            """)).Message.ShouldContain("claim 'nan': field 'min' must be a number");
    }

    [Fact]
    public void Malformed_yaml_and_a_file_without_a_claims_list_are_errors_with_the_line()
    {
        Should.Throw<ParityException>(() => Load("""
              - id: broken
                sentence: "unclosed
                type: [rating-range
            """)).Message.ShouldContain("not valid YAML");
        var path = Path.Combine(Path.GetTempPath(), $"claims-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "checks:\n  - id: x\n");
        Should.Throw<ParityException>(() => ClaimFile.Load(path)).Message.ShouldContain("expected a top-level 'claims:' list");
        File.Delete(path);
        Should.Throw<ParityException>(() => ClaimFile.Load(path)).Message.ShouldContain("does not exist");
    }

    [Fact]
    public void A_claim_may_name_a_catalog_model_for_all_its_leaderboard_entries()
    {
        var claim = Load("""
              - id: by-catalog-id
                sentence: "x"
                type: rating-at-least
                board: text
                models: [frontier]
                min: 1400
            """).Single();
        var plain = Data();
        var data = new ClaimData(
            new Dictionary<string, IReadOnlyList<Parity.Analysis.RatingSnapshot>> { ["text"] = plain.Series(claim.Readings[0], "text") },
            _ => [], _ => [], key => key.StartsWith("us-frontier", StringComparison.Ordinal) || key == "frontier" ? "frontier" : null);
        var result = claim.Check(data);
        result.Verdict.ShouldBe(ClaimVerdict.Confirmed);
        result.Evidence.ShouldContain(e => e.Text.StartsWith("us-frontier", StringComparison.Ordinal));
        Should.Throw<ParityException>(() => claim.Check(plain));
    }

    [Fact]
    public void A_missing_model_is_an_error_naming_the_claim()
    {
        var claim = Load("""
              - id: ghost
                sentence: "x"
                type: rating-at-least
                board: text
                models: [no-such-model]
                min: 1000
            """).Single();
        var ex = Should.Throw<ParityException>(() => claim.Check(Data()));
        ex.Message.ShouldContain("claim 'ghost'");
        ex.Message.ShouldContain("model 'no-such-model' is not on the text board of 2025-12-01");
    }

    [Fact]
    public void A_date_with_no_snapshot_is_an_error_naming_the_claim()
    {
        var claim = Load("""
              - id: wrong-day
                sentence: "x"
                type: rating-at-least
                board: text
                date: 2025-12-02
                models: [cn-open]
                min: 1000
            """).Single();
        var ex = Should.Throw<ParityException>(() => claim.Check(Data()));
        ex.Message.ShouldContain("claim 'wrong-day'");
        ex.Message.ShouldContain("no snapshot dated 2025-12-02");
        ex.Message.ShouldContain("2025-12-01");
    }

    [Fact]
    public void A_price_claim_on_an_unpriced_model_is_an_error_naming_the_claim()
    {
        var claim = Load("""
              - id: no-price
                sentence: "x"
                type: price-ratio
                cheaper: [a]
                dearer: [b]
                min: 2
                max: 3
            """).Single();
        Should.Throw<ParityException>(() => claim.Check(Data())).Message.ShouldContain("claim 'no-price': model 'a' has no price");
    }
}
