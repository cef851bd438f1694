using System.IO.Compression;
using System.Text.Json;
using Parity.Evals;
using Xunit.Abstractions;

namespace Parity.Tests.Evals;

/// <summary>
/// The HumanEval scorer on real recorded code (MapCoder's GPT-4-Turbo CoT run, 164 tasks) agrees
/// with the pass/fail that MapCoder's own test run recorded.
/// </summary>
public sealed class HumanEvalRecordedCodeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Recorded_GPT4_Turbo_code_scores_as_its_harness_recorded()
    {
        var suite = SuiteLoader.Load("humaneval");
        var items = suite.Items.ToDictionary(i => i.Id);
        var recorded = new List<(EvalItem Item, string Code, bool Solved)>();
        using (var stream = new GZipStream(File.OpenRead(SharedData.PathOf("outputs/code_mapcoder/humaneval_outputs.jsonl.gz")), CompressionMode.Decompress))
        using (var reader = new StreamReader(stream))
        {
            while (reader.ReadLine() is { } line)
            {
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                if (r.GetProperty("model").GetString() == "GPT4-Turbo" && r.GetProperty("strategy").GetString() == "CoT")
                {
                    recorded.Add((items[r.GetProperty("task_id").GetString()!], r.GetProperty("final_code").GetString()!, r.GetProperty("is_solved").ValueKind == JsonValueKind.True));
                }
            }
        }

        recorded.Count.ShouldBe(164);
        var scores = await Task.WhenAll(recorded.Select(r => suite.Scorer.ScoreAsync(r.Item, r.Code, CancellationToken.None).AsTask()));
        var passed = scores.Count(s => s.Score == 1);
        var agree = recorded.Zip(scores).Count(p => p.First.Solved == (p.Second.Score == 1));

        output.WriteLine($"parity passes {passed} of 164; agrees with MapCoder's recorded result on {agree}");
        recorded.Count(r => r.Solved).ShouldBe(146); // MapCoder's manifest: 89.02%
        Math.Abs(passed - 146).ShouldBeLessThanOrEqualTo(4, $"we pass {passed} of 164");
        agree.ShouldBeGreaterThanOrEqualTo(158, $"agreement on {agree} of 164");
    }
}
