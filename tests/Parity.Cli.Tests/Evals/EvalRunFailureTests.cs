using System.Text.Json;

namespace Parity.Cli.Tests.Evals;

/// <summary><c>parity eval run</c> fails (exit 1, one line per model saying so) when a model answered nothing.</summary>
public sealed class EvalRunFailureTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"parity-cli-evalfail-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" })
        {
            File.Delete(f);
        }
    }

    /// <summary>A suite of the user's own run against a replay model: the recordings cover only the shipped benchmarks, so every call errors.</summary>
    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    public async Task A_run_where_every_call_errored_exits_non_zero_and_says_so(string format)
    {
        var suite = Path.ChangeExtension(_db, ".jsonl");
        await File.WriteAllLinesAsync(suite, ["{\"prompt\": \"1+1\", \"reference\": \"2\"}", "{\"prompt\": \"2+2\", \"reference\": \"4\"}", "{\"prompt\": \"3+3\", \"reference\": \"6\"}"]);
        try
        {
            var (exit, output, error) = await CliRunner.RunAsync("--db", _db, "eval", "run", "--suite", suite,
                "--model", "replay:deepseek-chat", "--run", "down", "--format", format);

            exit.ShouldBe(1);
            var line = error.Trim();
            line.ShouldNotContain("\n");
            line.ShouldBe("error: every call to replay:deepseek-chat failed (3 calls, none answered); last error: replay:deepseek-chat: the replay provider answers benchmark items only (the request names no suite item)");
            if (format == "json")
            {
                using var doc = JsonDocument.Parse(output);
                var model = doc.RootElement.GetProperty("models").EnumerateArray().Single();
                model.GetProperty("errors").GetInt64().ShouldBe(3);
                model.GetProperty("everyCallFailed").GetBoolean().ShouldBeTrue();
                model.GetProperty("accuracy").ValueKind.ShouldBe(JsonValueKind.Null); // no answer, no accuracy (not NaN, which JSON cannot hold)

                (exit, output, error) = await CliRunner.RunAsync("--db", _db, "eval", "report", "down", "--format", "json");
                exit.ShouldBe(0, error);
                using var report = JsonDocument.Parse(output);
                report.RootElement.GetProperty("models")[0].GetProperty("accuracy").ValueKind.ShouldBe(JsonValueKind.Null);
            }
            else
            {
                output.ShouldContain("run 'down' stored in");
            }
        }
        finally
        {
            File.Delete(suite);
        }
    }

    [Fact]
    public async Task A_run_with_answers_exits_zero_and_says_nothing_of_failure()
    {
        var (exit, output, error) = await CliRunner.RunAsync("--db", _db, "eval", "run", "--suite", "gsm8k", "--limit", "2", "--model", "replay:deepseek-chat", "--run", "up", "--format", "json");
        exit.ShouldBe(0, error);
        error.ShouldNotContain("failed");
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("models")[0].GetProperty("everyCallFailed").GetBoolean().ShouldBeFalse();
    }
}
