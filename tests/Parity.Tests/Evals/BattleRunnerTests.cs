using System.Text.Json;
using Parity.Evals;
using Parity.Providers;
using Parity.Tests.Providers;

namespace Parity.Tests.Evals;

public sealed class BattleRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parity-battle-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>"strong" answers well, "weak" badly; "fair" judges on content, "lazy" always picks the first answer shown.</summary>
    private static UpstreamReply Script(UpstreamRequest r)
    {
        switch (r.Model)
        {
            case "strong":
                return new UpstreamReply.Answer("A thorough, correct answer.");
            case "weak":
                return new UpstreamReply.Answer("dunno");
            case "fair":
                var a = r.Prompt.IndexOf("thorough", StringComparison.Ordinal);
                var b = r.Prompt.IndexOf("dunno", StringComparison.Ordinal);
                return new UpstreamReply.Answer(a < b ? "A is better.\n[[A]]" : "B is better.\n[[B]]");
            case "lazy":
                return new UpstreamReply.Answer("The first one. [[A]]");
            default:
                return new UpstreamReply.Answer("I cannot decide.");
        }
    }

    private static ProviderRegistry Registry(TestUpstream upstream) =>
        new(environment: n => n == "VLLM_BASE_URL" ? upstream.BaseUrl.ToString() : null)
        {
            LimitsOverride = l => l with { BaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 1 },
        };

    private static readonly BattlePrompt[] Prompts = [new("p1", "Explain TCP."), new("p2", "What is 2+2?"), new("p3", "Write a haiku.")];

    [Fact]
    public async Task A_fair_judge_in_both_orders_gives_arena_format_wins()
    {
        await using var upstream = await TestUpstream.StartAsync(Script);
        using var registry = Registry(upstream);
        var path = Path.Combine(_dir, "votes.jsonl");

        var outcome = await new BattleRunner(registry).RunAsync(Prompts, "vllm:weak", "vllm:strong", "vllm:fair", path, 2, null, CancellationToken.None);

        outcome.Judged.ShouldBe(3);
        outcome.WinsB.ShouldBe(3);
        outcome.ConsistentOrders.ShouldBe(3);
        var lines = File.ReadAllLines(path);
        lines.Length.ShouldBe(3);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            root.GetProperty("model_a").GetString().ShouldBe("vllm:weak");
            root.GetProperty("model_b").GetString().ShouldBe("vllm:strong");
            root.GetProperty("winner").GetString().ShouldBe("model_b");
            root.GetProperty("tstamp").GetDouble().ShouldBeGreaterThan(1.7e9);
            root.GetProperty("anony").GetBoolean().ShouldBeTrue(); // the judge never sees model names; arena rate keeps anonymous votes
        }

        // 3 prompts × (2 answers + 2 judgments)
        upstream.Requests.Count(r => r.Model == "fair").ShouldBe(6);
    }

    [Fact]
    public async Task A_judge_that_always_prefers_the_first_answer_produces_ties()
    {
        await using var upstream = await TestUpstream.StartAsync(Script);
        using var registry = Registry(upstream);
        var path = Path.Combine(_dir, "votes.jsonl");

        var outcome = await new BattleRunner(registry).RunAsync(Prompts, "vllm:weak", "vllm:strong", "vllm:lazy", path, 2, null, CancellationToken.None);

        outcome.Ties.ShouldBe(3);
        outcome.ConsistentOrders.ShouldBe(0);
    }

    [Fact]
    public async Task Prompts_already_in_the_vote_file_are_skipped()
    {
        await using var upstream = await TestUpstream.StartAsync(Script);
        using var registry = Registry(upstream);
        var path = Path.Combine(_dir, "votes.jsonl");
        var runner = new BattleRunner(registry);
        await runner.RunAsync(Prompts.Take(2).ToList(), "vllm:weak", "vllm:strong", "vllm:fair", path, 2, null, CancellationToken.None);

        var second = await runner.RunAsync(Prompts, "vllm:weak", "vllm:strong", "vllm:fair", path, 2, null, CancellationToken.None);

        second.Skipped.ShouldBe(2);
        second.Judged.ShouldBe(1);
        File.ReadAllLines(path).Length.ShouldBe(3);
    }

    [Fact]
    public async Task A_judge_without_a_verdict_counts_as_a_failure_not_a_vote()
    {
        await using var upstream = await TestUpstream.StartAsync(Script);
        using var registry = Registry(upstream);
        var path = Path.Combine(_dir, "votes.jsonl");

        var outcome = await new BattleRunner(registry).RunAsync(Prompts, "vllm:weak", "vllm:strong", "vllm:mute", path, 2, null, CancellationToken.None);

        outcome.Failed.ShouldBe(3);
        outcome.Errors[0].ShouldContain("no [[A]]/[[B]]/[[C]] verdict");
        (File.Exists(path) ? File.ReadAllLines(path) : []).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(JudgeVerdict.First, JudgeVerdict.Second, "model_a")]
    [InlineData(JudgeVerdict.Second, JudgeVerdict.First, "model_b")]
    [InlineData(JudgeVerdict.First, JudgeVerdict.First, "tie")]
    [InlineData(JudgeVerdict.Tie, JudgeVerdict.Tie, "tie")]
    [InlineData(JudgeVerdict.First, JudgeVerdict.Tie, "tie")]
    [InlineData(JudgeVerdict.None, JudgeVerdict.First, null)]
    public void Both_orders_must_agree_for_a_win(JudgeVerdict aFirst, JudgeVerdict bFirst, string? winner) =>
        PairwiseJudge.Combine(aFirst, bFirst).ShouldBe(winner);

    [Theory]
    [InlineData("Reasoning… [[B]]", JudgeVerdict.Second)]
    [InlineData("[[A]] at first, but on reflection [[C]]", JudgeVerdict.Tie)]
    [InlineData("no tag", JudgeVerdict.None)]
    public void The_last_verdict_tag_counts(string reply, JudgeVerdict verdict) =>
        PairwiseJudge.Read(reply).ShouldBe(verdict);
}
