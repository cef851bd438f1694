using Parity.Routing;

namespace Parity.Tests.Routing;

public sealed class PromptShapeTests
{
    [Fact]
    public void Fitted_shape_features_are_standardised_over_the_training_prompts()
    {
        string[] prompts = ["a b", "a b c d e f g h", "a b c d"];
        var features = PromptFeatures.Fit(prompts, 64);
        var logs = new[] { Math.Log(3), Math.Log(9), Math.Log(5) };
        var mean = logs.Average();

        features.ShapeCenter[0].ShouldBe((float)mean, 1e-5);
        features.ShapeScale[0].ShouldBe((float)Math.Sqrt(logs.Average(l => (l - mean) * (l - mean))), 1e-5);
        prompts.Select(p => (double)features.Transform(p).Values[^3]).Average().ShouldBe(0, 1e-5);
        // No prompt has a number, so that feature has no spread: scale 1, value 0.
        features.ShapeScale[1].ShouldBe(1f);
    }

    [Fact]
    public void A_router_learns_that_long_prompts_need_the_strong_model_even_when_no_word_repeats()
    {
        // The weak model fails exactly the long prompts; every prompt uses its own words, so only length carries the signal.
        var random = new Random(3);
        string Words(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => new string((char)('a' + random.Next(26)), 1) + random.Next(100000)));
        var items = Enumerable.Range(0, 200).Select(i => i % 2 == 0
            ? new OutcomeItem($"t/{i}", Words(60), [1.0, 0.0])
            : new OutcomeItem($"t/{i}", Words(8), [1.0, 1.0])).ToList();
        var router = RouterTrainer.Train(["strong", "weak"], items, "strong", "weak", new RouterTrainingOptions { Kind = RouterKind.LogReg, Buckets = 1024 });

        router.StrongWinProbability(Words(60)).ShouldBeGreaterThan(router.StrongWinProbability(Words(8)) + 0.2);
    }
}
