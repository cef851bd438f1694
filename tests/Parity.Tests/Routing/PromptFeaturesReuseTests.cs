using Parity.Routing;

namespace Parity.Tests.Routing;

public sealed class PromptFeaturesReuseTests
{
    [Fact]
    public void The_per_thread_scratch_leaves_no_trace_between_prompts_of_any_size_and_bucket_count()
    {
        var prompts = new[]
        {
            "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May.",
            string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"w{i} ÄÖÜ-{i % 7}")), // more slots than small tables have
            "",
            "a",
            "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May.",
        };
        var big = PromptFeatures.Fit(prompts, 8192);
        var small = PromptFeatures.Fit(prompts, 100); // not a power of two: hash mod 100
        var first = prompts.Select(p => (big.Transform(p), small.Transform(p))).ToList();
        var again = prompts.Reverse().Select(p => (big.Transform(p), small.Transform(p))).Reverse().ToList();
        for (var i = 0; i < prompts.Length; i++)
        {
            again[i].Item1.Indices.ShouldBe(first[i].Item1.Indices);
            again[i].Item1.Values.ShouldBe(first[i].Item1.Values);
            again[i].Item2.Indices.ShouldBe(first[i].Item2.Indices);
            again[i].Item2.Values.ShouldBe(first[i].Item2.Values);
            first[i].Item1.Indices.ShouldBe(first[i].Item1.Indices.Order().Distinct().ToArray()); // ascending, no repeats
            first[i].Item2.Indices.Max().ShouldBe(100 + PromptFeatures.ShapeCount - 1);
        }

        first[0].Item1.Values.ShouldBe(first[4].Item1.Values);
        first[3].Item1.Indices.Length.ShouldBe(2 + PromptFeatures.ShapeCount); // "a": the word slot and the 3-gram " a "
    }
}
