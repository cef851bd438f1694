using System.Text.Json;

namespace Parity.Cli.Tests.Evals;

public sealed class EvalCommandTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"parity-cli-evals-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" })
        {
            File.Delete(f);
        }
    }

    [Fact]
    public async Task Replayed_models_run_offline_and_the_report_pairs_them()
    {
        var (exit, output, error) = await CliRunner.RunAsync("--db", _db, "eval", "run", "--suite", "gsm8k",
            "--model", "replay:Qwen2-72B-Instruct", "--model", "replay:gpt-4o-2024-05-13", "--run", "offline");
        exit.ShouldBe(0, error);
        output.ShouldContain("92.6%");
        output.ShouldContain("95.4%");

        (exit, output, error) = await CliRunner.RunAsync("--db", _db, "eval", "report", "offline", "--format", "json");
        exit.ShouldBe(0, error);
        using var doc = JsonDocument.Parse(output);
        var models = doc.RootElement.GetProperty("models");
        models.GetArrayLength().ShouldBe(2);
        models[0].GetProperty("items").GetInt32().ShouldBe(1319);
        var pair = doc.RootElement.GetProperty("pairs")[0];
        pair.GetProperty("onlyA").GetInt32().ShouldBe(20);
        pair.GetProperty("onlyB").GetInt32().ShouldBe(56);
        pair.GetProperty("pValue").GetDouble().ShouldBeLessThan(0.001);
    }

    [Theory]
    [InlineData("table", "McNemar")]
    [InlineData("md", "| replay:Qwen2-72B-Instruct |")]
    [InlineData("csv", "model,items,errors,correct,accuracy")]
    public async Task The_report_prints_every_format(string format, string expected)
    {
        (await CliRunner.RunAsync("--db", _db, "eval", "run", "--suite", "gsm8k", "--limit", "40",
            "--model", "replay:Qwen2-72B-Instruct", "--model", "replay:deepseek-chat", "--run", "fmt")).Exit.ShouldBe(0);

        var (exit, output, error) = await CliRunner.RunAsync("--db", _db, "eval", "report", "fmt", "--format", format);

        exit.ShouldBe(0, error);
        output.ShouldContain(expected);
    }

    [Fact]
    public async Task Rescoring_needs_no_model_and_keeps_the_scores()
    {
        (await CliRunner.RunAsync("--db", _db, "eval", "run", "--suite", "gsm8k", "--sample", "30", "--seed", "3",
            "--model", "replay:deepseek-chat", "--run", "rs")).Exit.ShouldBe(0);

        var (exit, output, _) = await CliRunner.RunAsync("--db", _db, "eval", "rescore", "rs");

        exit.ShouldBe(0);
        output.ShouldContain("rescored 30 answers");
        output.ShouldContain("0 changed");
    }

    [Fact]
    public async Task Max_cost_warns_when_calls_have_no_known_price()
    {
        var (exit, output, error) = await CliRunner.RunAsync("--db", _db, "eval", "run", "--suite", "gsm8k", "--limit", "5",
            "--model", "replay:deepseek-chat", "--max-cost", "1.00", "--format", "json");

        exit.ShouldBe(0, error);
        error.ShouldContain("5 answered calls have no known price");
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("models")[0].TryGetProperty("costUsd", out _).ShouldBeFalse(); // unknown, not 0
    }

    [Fact]
    public async Task A_run_resumes_only_with_the_same_item_selection()
    {
        (await CliRunner.RunAsync("--db", _db, "eval", "run", "--suite", "gsm8k", "--sample", "20", "--seed", "1", "--model", "replay:deepseek-chat", "--run", "sel")).Exit.ShouldBe(0);

        var (exit, _, error) = await CliRunner.RunAsync("--db", _db, "eval", "run", "--suite", "gsm8k", "--sample", "20", "--seed", "2", "--model", "replay:deepseek-chat", "--run", "sel");
        exit.ShouldBe(1);
        error.ShouldContain("other item settings");

        // Same selection, one more model: only the new model's calls are made.
        var (again, output, err) = await CliRunner.RunAsync("--db", _db, "eval", "run", "--suite", "gsm8k", "--sample", "20", "--seed", "1",
            "--model", "replay:deepseek-chat", "--model", "replay:Qwen2-72B-Instruct", "--run", "sel", "--format", "json");
        again.ShouldBe(0, err);
        err.ShouldContain("20 calls already answered, 20 to go");
        output.ShouldContain("\"answeredNow\": 20");
    }

    [Fact]
    public async Task Recorded_HumanEval_code_replays_and_runs_in_the_sandbox()
    {
        var (exit, output, error) = await CliRunner.RunAsync("--db", _db, "eval", "run", "--suite", "humaneval", "--limit", "6",
            "--model", "replay:GPT4-Turbo-CoT", "--model", "replay:QwenCoder480b-CoT", "--run", "code", "--format", "json");

        exit.ShouldBe(0, error);
        using var doc = JsonDocument.Parse(output);
        foreach (var model in doc.RootElement.GetProperty("models").EnumerateArray())
        {
            model.GetProperty("answered").GetInt64().ShouldBe(6);
            model.GetProperty("accuracy").GetDouble().ShouldBe(1.0); // both solved HumanEval/0–5 in their own harness too
        }
    }

    [Fact]
    public async Task A_missing_key_names_the_variable()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MOONSHOT_API_KEY")))
        {
            return; // a real key is set on this machine; nothing to check
        }

        var (exit, _, error) = await CliRunner.RunAsync("--db", _db, "eval", "run", "--suite", "gsm8k", "--limit", "1", "--model", "moonshot:kimi-k2");

        exit.ShouldBe(1);
        error.ShouldContain("MOONSHOT_API_KEY");
    }

    [Fact]
    public async Task A_bad_suite_row_names_the_file_and_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"suite-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path, ["{\"prompt\": \"1+1\", \"reference\": \"2\"}", "{\"prompt\": \"2+2\", \"reference\": \"4\", \"scorer\": \"magic\"}"]);
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("--db", _db, "eval", "run", "--suite", path, "--model", "replay:x");
            exit.ShouldBe(1);
            error.ShouldContain(path + ", line 2");
            error.ShouldContain("'scorer'");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Reporting_an_unknown_run_lists_the_runs()
    {
        (await CliRunner.RunAsync("--db", _db, "eval", "run", "--suite", "gsm8k", "--limit", "2", "--model", "replay:deepseek-chat", "--run", "known")).Exit.ShouldBe(0);

        var (exit, _, error) = await CliRunner.RunAsync("--db", _db, "eval", "report", "unknown");

        exit.ShouldBe(1);
        error.ShouldContain("known");
        var (_, runs, _) = await CliRunner.RunAsync("--db", _db, "eval", "runs", "--format", "json");
        runs.ShouldContain("\"answered\": 2");
        runs.ShouldContain("replay:deepseek-chat");
    }

    [Fact]
    public async Task Suites_are_listed_with_their_licences()
    {
        var (exit, output, _) = await CliRunner.RunAsync("eval", "suites", "--format", "json");
        exit.ShouldBe(0);
        output.ShouldContain("\"cmmlu\"");
        output.ShouldContain("NON-COMMERCIAL");
        output.ShouldContain("\"humaneval\"");
    }
}
