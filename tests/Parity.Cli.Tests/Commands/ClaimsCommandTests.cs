using System.Text.Json;

namespace Parity.Cli.Tests.Commands;

/// <summary>The must-shows for <c>parity claims</c>, on the shipped data, no network.</summary>
public sealed class ClaimsCommandTests
{
    private static async Task<JsonElement> CheckJson(params string[] extra)
    {
        var (exit, output, error) = await CliRunner.RunAsync(["claims", "check", "--format", "json", .. extra]);
        exit.ShouldBe(0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static JsonElement Claim(JsonElement root, string id) =>
        root.GetProperty("claims").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    [Fact]
    public async Task Every_claim_has_a_verdict_and_a_confidence_unless_undecided_and_the_json_carries_rule_date_and_sources()
    {
        var root = await CheckJson();
        root.GetProperty("rule").GetString()!.ShouldContain("mostly false");
        root.GetProperty("asOf").GetString().ShouldBe("newest data");
        root.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!).ShouldContain(s => s.StartsWith("investment: data/evidence/investment.csv", StringComparison.Ordinal));
        foreach (var claim in root.GetProperty("claims").EnumerateArray())
        {
            var verdict = claim.GetProperty("verdict").GetString();
            var confidence = claim.GetProperty("confidence");
            if (verdict == "undecided")
            {
                confidence.ValueKind.ShouldBe(JsonValueKind.Null);
            }
            else
            {
                confidence.ValueKind.ShouldBe(JsonValueKind.Number, claim.GetProperty("id").GetString());
            }

            foreach (var reading in claim.GetProperty("readings").EnumerateArray())
            {
                reading.GetProperty("name").GetString()!.Length.ShouldBeGreaterThan(0);
                reading.GetProperty("verdict").GetString().ShouldBeOneOf("holds", "fails", "uncertain", "no data");
                reading.TryGetProperty("pTrue", out _).ShouldBe(reading.GetProperty("verdict").GetString() != "no data");
                reading.GetProperty("evidence").ValueKind.ShouldBe(JsonValueKind.Array);
            }
        }

        // Decided from the shipped series: the AI Index figures confirm the investment claim; OpenRouter's shares split the token claim.
        var investment = Claim(root, "investment-109-vs-9");
        investment.GetProperty("verdict").GetString().ShouldBe("confirmed");
        investment.GetProperty("readings")[0].GetProperty("evidence").EnumerateArray()
            .ShouldContain(e => e.GetProperty("text").GetString()!.Contains("109.1") && e.GetProperty("source").GetString()!.Contains("hai.stanford.edu"));
        investment.GetProperty("readings").EnumerateArray().ShouldContain(r => r.GetProperty("role").GetString() == "context" && r.GetProperty("verdict").GetString() == "fails");
        var share = Claim(root, "chinese-token-share-30");
        share.GetProperty("verdict").GetString().ShouldBe("mixed");
        share.GetProperty("coverage").GetString()!.ShouldContain("OpenRouter traffic only");
    }

    [Fact]
    public async Task The_1_10_vs_10_claim_is_true_on_2025_03_01_and_not_on_2025_11_01_citing_the_prices_in_force()
    {
        var march = Claim(await CheckJson("--as-of", "2025-03-01"), "deepseek-1.10-vs-10");
        march.GetProperty("verdict").GetString().ShouldBe("confirmed");
        var marchEvidence = march.GetProperty("readings")[0].GetProperty("evidence").EnumerateArray().ToList();
        marchEvidence.ShouldContain(e => e.GetProperty("text").GetString()!.StartsWith("deepseek-v3 output $1.1 ", StringComparison.Ordinal)
            && e.GetProperty("source").GetString()!.Contains("api-docs.deepseek.com") && e.GetProperty("date").GetString()!.StartsWith("2025-02-08 16:00", StringComparison.Ordinal));
        marchEvidence.ShouldContain(e => e.GetProperty("text").GetString()!.StartsWith("gpt-4o output $10 ", StringComparison.Ordinal));

        var november = Claim(await CheckJson("--as-of", "2025-11-01"), "deepseek-1.10-vs-10");
        november.GetProperty("verdict").GetString().ShouldBe("outdated");
        november.GetProperty("readings")[0].GetProperty("evidence").EnumerateArray()
            .ShouldContain(e => e.GetProperty("text").GetString()!.StartsWith("deepseek-v3 output $0.42 ", StringComparison.Ordinal) && e.GetProperty("date").GetString()!.StartsWith("2025-09-29", StringComparison.Ordinal));
        november.GetProperty("why").GetString()!.ShouldContain("held from 2025-02-08 16:00 UTC to 2025-09-05 16:00 UTC");
    }

    [Fact]
    public async Task History_prints_the_dates_where_the_verdict_changed()
    {
        var (exit, output, error) = await CliRunner.RunAsync("claims", "history", "deepseek-1.10-vs-10");
        exit.ShouldBe(0, error);
        output.ShouldContain("false from 2024-12-26 to 2025-02-08 16:00 UTC; true from 2025-02-08 16:00 UTC to 2025-09-05 16:00 UTC; false since 2025-09-05 16:00");
        (await CliRunner.RunAsync("claims", "history", "no-such-claim")).Exit.ShouldBe(1);
    }

    [Theory]
    [InlineData("type: vibes", "field 'type' has unknown claim type 'vibes'")]
    [InlineData("type: rating-at-least\n    board: text\n    models: [imaginary-model-9000]\n    min: 1", "field 'models' names unknown model 'imaginary-model-9000'")]
    [InlineData("type: rating-at-least\n    board: text\n    models: [gpt-4o]", "field 'min' is missing")]
    [InlineData("type: series-value\n    series: global_vibes\n    values:\n      - { country: US, claimed: 1 }", "field 'series' names series 'global_vibes', which Parity does not have")]
    public async Task A_bad_claims_file_is_one_line_naming_file_claim_and_field_and_nothing_else(string body, string expected)
    {
        var file = Path.Combine(Path.GetTempPath(), $"claims-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "claims:\n  - id: bad-one\n    sentence: \"x\"\n    " + body + "\n");
        try
        {
            var (exit, output, error) = await CliRunner.RunAsync("claims", "check", file, "--format", "json");
            exit.ShouldBe(1);
            output.ShouldBeEmpty();
            error.Trim().Split('\n').Length.ShouldBe(1);
            error.ShouldContain(file);
            error.ShouldContain("claim 'bad-one'");
            error.ShouldContain(expected);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
