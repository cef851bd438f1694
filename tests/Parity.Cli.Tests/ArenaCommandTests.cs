using System.Text.Json;

namespace Parity.Cli.Tests;

public sealed class ArenaCommandTests : IDisposable
{
    private static readonly string Votes = SharedData.PathOf("arena/battles/elobench_chatbot_arena_conversations_en_singleturn.csv");
    private readonly string _dir = Directory.CreateTempSubdirectory("parity-arena-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Rate_prints_a_json_list_with_the_documented_fields()
    {
        var (exit, output, error) = await CliRunner.RunAsync("arena", "rate", Votes, "--bootstrap", "20", "--seed", "1", "--format", "json");
        exit.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        rows.Count.ShouldBe(20);
        var top = rows[0];
        top.GetProperty("model").GetString().ShouldBe("gpt-4");
        top.GetProperty("rank").GetInt32().ShouldBe(1);
        top.GetProperty("votes").GetInt32().ShouldBe(3356);
        top.GetProperty("rating").GetDouble().ShouldBe(1228.578, 0.01);
        top.GetProperty("lower").GetDouble().ShouldBeLessThan(top.GetProperty("rating").GetDouble());
        top.GetProperty("upper").GetDouble().ShouldBeGreaterThan(top.GetProperty("rating").GetDouble());
        top.GetProperty("rankBest").GetInt32().ShouldBe(1);
        top.GetProperty("rankWorst").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Same_seed_same_output()
    {
        var first = await CliRunner.RunAsync("arena", "rate", Votes, "--bootstrap", "30", "--seed", "5", "--format", "csv");
        var second = await CliRunner.RunAsync("arena", "rate", Votes, "--bootstrap", "30", "--seed", "5", "--format", "csv");
        first.Out.ShouldBe(second.Out);
        first.Out.ShouldStartWith("rank,rank_best,rank_worst,model,rating,lower,upper,votes");
    }

    [Fact]
    public async Task Elo_anchor_and_matrix_options_work()
    {
        var (exit, output, _) = await CliRunner.RunAsync("arena", "rate", Votes, "--method", "elo", "--bootstrap", "0", "--format", "csv");
        exit.ShouldBe(0);
        output.ShouldContain("1,,,gpt-4,1193.3904,,,3356");

        (exit, output, _) = await CliRunner.RunAsync("arena", "rate", Votes, "--bootstrap", "0", "--anchor", "vicuna-13b=1114", "--format", "json");
        exit.ShouldBe(0);
        using (var json = JsonDocument.Parse(output))
        {
            json.RootElement.EnumerateArray().Single(r => r.GetProperty("model").GetString() == "vicuna-13b").GetProperty("rating").GetDouble().ShouldBe(1114, 1e-9);
        }

        (exit, output, _) = await CliRunner.RunAsync("arena", "rate", Votes, "--bootstrap", "0", "--matrix", "--format", "csv");
        exit.ShouldBe(0);
        output.ShouldStartWith("model,opponent,predicted,observed,battles");
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1 + 20 * 19);

        (exit, output, _) = await CliRunner.RunAsync("arena", "rate", Votes, "--bootstrap", "10", "--matrix");
        exit.ShouldBe(0);
        output.ShouldContain("Rank (UB)");
        output.ShouldContain("predicted / observed");
    }

    [Fact]
    public async Task Style_control_reports_coefficients()
    {
        var path = Path.Combine(_dir, "styled.jsonl");
        var random = new Random(4);
        var lines = new List<string>();
        string[] models = ["a", "b", "c", "d"];
        for (var i = 0; i < 2000; i++)
        {
            var x = random.Next(4);
            var y = (x + 1 + random.Next(3)) % 4;
            var ta = random.Next(50, 800);
            var tb = random.Next(50, 800);
            // Longer answers win more often: the length coefficient must come out positive.
            var winner = random.NextDouble() < 1 / (1 + Math.Exp(-(x - y) * 0.2 - (ta - tb) / 300.0)) ? "model_a" : "model_b";
            lines.Add($$"""{"model_a": "{{models[x]}}", "model_b": "{{models[y]}}", "winner": "{{winner}}", "conv_metadata": {"sum_assistant_a_tokens": {{ta}}, "sum_assistant_b_tokens": {{tb}}, "header_count_a": {"h1": 0}, "header_count_b": {"h1": 1}, "list_count_a": {"ordered": {{random.Next(3)}}}, "list_count_b": {"ordered": 0}, "bold_count_a": {"**": 0}, "bold_count_b": {"**": 0} } }""");
        }

        await File.WriteAllLinesAsync(path, lines);
        var (exit, output, error) = await CliRunner.RunAsync("arena", "rate", path, "--style-control", "--bootstrap", "10");
        exit.ShouldBe(0, error);
        output.ShouldContain("Style coefficients");
        output.ShouldContain("length");

        (exit, _, error) = await CliRunner.RunAsync("arena", "rate", path, "--style-control", "--bootstrap", "0", "--format", "json");
        exit.ShouldBe(0);
        error.ShouldContain("style coefficients");
    }

    [Fact]
    public async Task Bad_input_is_one_clear_error_line()
    {
        var path = Path.Combine(_dir, "bad.csv");
        await File.WriteAllTextAsync(path, "model_a,model_b,winner\na,b,model_a\nb,a,maybe\n");
        var (exit, _, error) = await CliRunner.RunAsync("arena", "rate", path);
        exit.ShouldBe(1);
        error.ShouldStartWith("error: ");
        error.ShouldContain("bad.csv:3");

        (exit, _, error) = await CliRunner.RunAsync("arena", "rate", Path.Combine(_dir, "missing.json"));
        exit.ShouldBe(1);
        error.ShouldContain("no such file");

        var disconnected = Path.Combine(_dir, "two.csv");
        await File.WriteAllTextAsync(disconnected, "model_a,model_b,winner\na,b,model_a\nb,a,model_a\nc,d,tie\n");
        (exit, _, error) = await CliRunner.RunAsync("arena", "rate", disconnected);
        exit.ShouldBe(1);
        error.ShouldContain("disconnected");
    }

    [Fact]
    public async Task History_shows_the_best_model_per_origin()
    {
        var (exit, output, error) = await CliRunner.RunAsync("arena", "history", "--from", "2025-08-04", "--to", "2025-08-04", "--format", "json");
        exit.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        var us = rows.Single(r => r.GetProperty("group").GetString() == "US");
        var cn = rows.Single(r => r.GetProperty("group").GetString() == "CN");
        us.GetProperty("modelKey").GetString().ShouldBe("gemini-2.5-pro");
        us.GetProperty("rating").GetDouble().ShouldBe(1470);
        cn.GetProperty("modelKey").GetString().ShouldBe("glm-4.5");
        cn.GetProperty("organization").GetString().ShouldBe("Zhipu AI");
        cn.GetProperty("behindLeader").GetDouble().ShouldBe(36);

        (exit, output, _) = await CliRunner.RunAsync("arena", "history", "--by", "openness", "--board", "text-style-control", "--from", "2025-11-01", "--format", "csv");
        exit.ShouldBe(0);
        output.ShouldContain(",open,");
        output.ShouldContain(",closed,");

        (exit, output, _) = await CliRunner.RunAsync("arena", "history", "--by", "vendor", "--from", "2024-07-07", "--to", "2024-07-07");
        exit.ShouldBe(0);
        output.ShouldContain("OpenAI");
        output.ShouldContain("01 AI");
    }

    [Fact]
    public async Task Help_describes_every_option()
    {
        var (exit, output, _) = await CliRunner.RunAsync("arena", "rate", "--help");
        exit.ShouldBe(0);
        foreach (var option in new[] { "--method", "--bootstrap", "--seed", "--anchor", "--style-control", "--category", "--min-votes", "--from", "--to", "--matrix", "--input-format", "--format", "--sandwich" })
        {
            output.ShouldContain(option);
        }
    }
}
