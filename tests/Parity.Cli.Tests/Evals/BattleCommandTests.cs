using System.Text.Json;
using Parity.Tests.Providers;

namespace Parity.Cli.Tests.Evals;

public sealed class BattleCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parity-battle-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Battle_run_writes_arena_votes_judged_in_both_orders()
    {
        await using var upstream = await TestUpstream.StartAsync(r => r.Model switch
        {
            "llama" => new UpstreamReply.Answer("Paris is the capital of France."),
            "tiny" => new UpstreamReply.Answer("Lyon?"),
            _ => new UpstreamReply.Answer(r.Prompt.IndexOf("Paris", StringComparison.Ordinal) < r.Prompt.IndexOf("Lyon", StringComparison.Ordinal) ? "[[A]]" : "[[B]]"),
        });
        var prompts = Path.Combine(_dir, "prompts.txt");
        await File.WriteAllLinesAsync(prompts, ["What is the capital of France?", "", "Name France's capital city."]);
        var votes = Path.Combine(_dir, "votes.jsonl");
        Environment.SetEnvironmentVariable("VLLM_BASE_URL", upstream.BaseUrl.ToString());
        try
        {
            var (exit, output, error) = await CliRunner.RunAsync("battle", "run", "--prompts", prompts, "--a", "vllm:tiny", "--b", "vllm:llama", "--judge", "vllm:judge", "--out", votes, "--format", "json");

            exit.ShouldBe(0, error);
            using var summary = JsonDocument.Parse(output);
            summary.RootElement.GetProperty("winsB").GetInt32().ShouldBe(2);
            summary.RootElement.GetProperty("consistentOrders").GetInt32().ShouldBe(2);
            var lines = await File.ReadAllLinesAsync(votes);
            lines.Length.ShouldBe(2);
            using var vote = JsonDocument.Parse(lines[0]);
            vote.RootElement.GetProperty("model_a").GetString().ShouldBe("vllm:tiny");
            vote.RootElement.GetProperty("winner").GetString().ShouldBe("model_b");
            upstream.Requests.Count(r => r.Model == "judge").ShouldBe(4);
        }
        finally
        {
            Environment.SetEnvironmentVariable("VLLM_BASE_URL", null);
        }
    }
}
