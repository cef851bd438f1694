using System.Text.Json;
using Parity.Evals;
using Parity.Providers;

namespace Parity.Tests.Evals;

/// <summary>
/// The GSM8K suite's scorer on ZeroEval's recorded answers of 42 models reproduces the accuracies
/// in the data's summary.json.
/// </summary>
public sealed class Gsm8kReplayAccuracyTests
{
    private static readonly string ReplayRoot = SharedData.PathOf("outputs");

    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach (var m in Summary().Where(s => s.Status == "ok"))
        {
            data.Add(m.Model);
        }

        return data;
    }

    [Fact]
    public void There_are_42_scored_models()
    {
        Summary().Count(s => s.Status == "ok").ShouldBe(42);
        new ReplayRecordings(ReplayRoot).Models("gsm8k").Count.ShouldBe(42);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Accuracy_is_within_half_a_point_of_summary_json(string model)
    {
        var summary = Summary().Single(s => s.Model == model);
        var suite = SuiteLoader.Load("gsm8k");
        var recordings = new ReplayRecordings(ReplayRoot);
        var correct = 0;
        var answered = 0;
        foreach (var item in suite.Items)
        {
            var output = recordings.Find("gsm8k", model, item.Id);
            if (output is null)
            {
                continue; // gemini-1.5-flash-exp-0827 covers 681 items
            }

            answered++;
            var score = await suite.Scorer.ScoreAsync(item, output, CancellationToken.None);
            correct += score.Score >= 0.5 ? 1 : 0;
        }

        var accuracy = 100.0 * correct / answered;
        answered.ShouldBe(summary.N);
        Math.Abs(accuracy - summary.Recomputed).ShouldBeLessThanOrEqualTo(0.5, $"{model}: {accuracy:0.00} vs recomputed {summary.Recomputed}");
        if (Math.Abs(summary.Recomputed - summary.Published) <= 0.5)
        {
            // The data's recomputation matched the published number: ours must too.
            Math.Abs(accuracy - summary.Published).ShouldBeLessThanOrEqualTo(0.5, $"{model}: {accuracy:0.00} vs published {summary.Published}");
        }
    }

    [Fact]
    public void The_shipped_prompt_template_reproduces_ZeroEvals_prompts_exactly()
    {
        var suite = SuiteLoader.Load("gsm8k");
        var recorded = new Dictionary<int, string>();
        using var stream = new System.IO.Compression.GZipStream(File.OpenRead(SharedData.PathOf("outputs/gsm8k/zeroeval/questions.jsonl.gz")), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            using var doc = JsonDocument.Parse(line);
            recorded[doc.RootElement.GetProperty("index").GetInt32()] = doc.RootElement.GetProperty("prompt").GetString()!;
        }

        suite.Items.Count.ShouldBe(1319);
        foreach (var item in suite.Items)
        {
            item.Prompt.ShouldBe(recorded[int.Parse(item.Id, System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }

    private sealed record ModelSummary(string Model, string Status, int N, double Recomputed, double Published);

    private static List<ModelSummary> Summary()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("outputs/gsm8k/zeroeval/summary.json")));
        return doc.RootElement.EnumerateArray().Select(e => new ModelSummary(
            e.GetProperty("model").GetString()!,
            e.GetProperty("status").GetString()!,
            e.TryGetProperty("n", out var n) ? n.GetInt32() : 0,
            e.TryGetProperty("acc_recomputed", out var r) ? r.GetDouble() : double.NaN,
            e.TryGetProperty("acc_published", out var p) ? p.GetDouble() : double.NaN)).ToList();
    }
}
