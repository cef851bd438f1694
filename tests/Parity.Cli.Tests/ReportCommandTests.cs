using System.Text.Json;

namespace Parity.Cli.Tests;

public sealed class ReportCommandTests
{
    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "parity-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public async Task Report_out_writes_every_file_and_the_json_holds_the_gap_series_frontier_and_claims()
    {
        var dir = TempDir();
        var (exit, output, error) = await CliRunner.RunAsync("report", "--out", dir);
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        output.ShouldContain("1. Where the race stands");
        output.ShouldContain("5. Claims");
        foreach (var file in new[] { "report.md", "report.html", "report.json", "gap-over-time.svg", "score-vs-price.svg", "score-vs-active-params.svg" })
        {
            File.Exists(Path.Combine(dir, file)).ShouldBeTrue(file);
        }

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        var root = json.RootElement;
        var usChina = root.GetProperty("gap").GetProperty("usChina");
        usChina.GetProperty("firstGroup").GetString().ShouldBe("US");
        usChina.GetProperty("secondGroup").GetString().ShouldBe("China");
        var points = usChina.GetProperty("points").EnumerateArray().ToList();
        points.Count.ShouldBeGreaterThan(100);
        var aug4 = points.Single(p => p.GetProperty("date").GetString() == "2025-08-04");
        aug4.GetProperty("firstModel").GetString().ShouldBe("gemini-2.5-pro", StringCompareShould.IgnoreCase);
        aug4.GetProperty("firstScore").GetDouble().ShouldBe(1470, 0.5);
        aug4.GetProperty("secondModel").GetString().ShouldBe("glm-4.5", StringCompareShould.IgnoreCase);
        aug4.GetProperty("secondScore").GetDouble().ShouldBe(1434, 0.5);
        aug4.GetProperty("gap").GetDouble().ShouldBe(36, 1);
        aug4.GetProperty("lower").GetDouble().ShouldBeLessThan(36);
        aug4.GetProperty("upper").GetDouble().ShouldBeGreaterThan(36);
        usChina.GetProperty("trend").GetProperty("slopePerMonth").ValueKind.ShouldBe(JsonValueKind.Number);

        var frontier = root.GetProperty("value").GetProperty("frontier").EnumerateArray().ToList();
        frontier.Count.ShouldBeGreaterThan(2);
        frontier.ShouldAllBe(f => f.GetProperty("blendedPrice").GetDouble() > 0 && f.GetProperty("priceSource").GetString()!.Length > 0);

        var claims = root.GetProperty("claims").EnumerateArray().ToList();
        claims.Count.ShouldBe(15);
        foreach (var claim in claims)
        {
            claim.GetProperty("verdict").GetString().ShouldBeOneOf("confirmed", "mostly true", "mixed", "mostly false", "refuted", "outdated", "undecided");
            claim.TryGetProperty("readings", out var readings).ShouldBeTrue();
            readings.ValueKind.ShouldBe(JsonValueKind.Array);
        }

        claims.ShouldContain(c => c.GetProperty("verdict").GetString() == "confirmed" && c.GetProperty("confidence").GetDouble() >= 0.9);
        claims.Count(c => c.GetProperty("verdict").GetString() == "undecided" && c.TryGetProperty("wouldDecide", out var _)).ShouldBeGreaterThan(0);
        root.GetProperty("claimRule").GetString()!.ShouldContain("mostly true");

        var markdown = File.ReadAllText(Path.Combine(dir, "report.md"));
        markdown.ShouldContain("](gap-over-time.svg)");
        markdown.ShouldContain("lmarena/arena-catalog");
        markdown.ShouldContain("List price against serving cost");
        var serving = root.GetProperty("efficiency").GetProperty("servingCost").EnumerateArray().ToList();
        serving.Count.ShouldBeGreaterThan(10);
        serving.ShouldAllBe(s => new[] { "above cost", "near cost", "below cost" }.Contains(s.GetProperty("margin").GetProperty("verdict").GetString()));
        File.ReadAllText(Path.Combine(dir, "report.html")).ShouldNotContain("src=\"http");
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task Report_as_of_a_date_uses_that_snapshot()
    {
        var (exit, output, _) = await CliRunner.RunAsync("report", "--as-of", "2025-08-04", "--format", "json");
        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        var h = json.RootElement.GetProperty("standing").GetProperty("usChina");
        h.GetProperty("first").GetProperty("rating").GetDouble().ShouldBe(1470, 0.5);
        h.GetProperty("second").GetProperty("rating").GetDouble().ShouldBe(1434, 0.5);
        h.GetProperty("winProbability").GetDouble().ShouldBe(0.552, 0.002);
    }

    [Fact]
    public async Task Report_rejects_a_bad_date_and_an_unknown_board()
    {
        var (exit, _, error) = await CliRunner.RunAsync("report", "--as-of", "last tuesday");
        exit.ShouldBe(1);
        error.ShouldContain("--as-of");
        (await CliRunner.RunAsync("report", "--board", "vision")).Exit.ShouldNotBe(0);
    }

    [Fact]
    public async Task Claims_check_prints_verdicts_and_names_the_claim_in_a_bad_file()
    {
        var (exit, output, _) = await CliRunner.RunAsync("claims", "check", "--format", "json");
        exit.ShouldBe(0);
        using (var json = JsonDocument.Parse(output))
        {
            json.RootElement.GetProperty("claims").GetArrayLength().ShouldBe(15);
        }

        var file = Path.Combine(Path.GetTempPath(), $"claims-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, """
            claims:
              - id: gone-model
                sentence: "A model that never was scores 2000."
                type: rating-at-least
                board: text
                models: [imaginary-model-9000]
                min: 2000
            """);
        var bad = await CliRunner.RunAsync("claims", "check", file);
        bad.Exit.ShouldBe(1);
        bad.Err.ShouldContain("claim 'gone-model'");
        bad.Err.ShouldContain("field 'models' names unknown model 'imaginary-model-9000'");
        bad.Out.ShouldBeEmpty();
        File.Delete(file);

        var md = await CliRunner.RunAsync("claims", "check", "--format", "md");
        md.Out.ShouldContain("### deepseek-under-6m: confirmed");
        md.Out.ShouldContain("| reading | verdict | P(true) | what the data show |");
    }

    [Fact]
    public async Task Help_documents_how_confidence_is_computed()
    {
        var (_, output, _) = await CliRunner.RunAsync("claims", "check", "--help");
        output.ShouldContain("P(true)");
        output.ShouldContain("rating-range");
        output.ShouldContain("mostly false");
        output.ShouldContain("outdated");
        (await CliRunner.RunAsync("report", "--help")).Out.ShouldContain("bootstrap");
    }
}
