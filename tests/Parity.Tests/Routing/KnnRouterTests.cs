using Parity.Routing;

namespace Parity.Tests.Routing;

public sealed class KnnRouterTests
{
    [Fact]
    public void A_prompt_like_the_ones_the_weak_model_failed_scores_higher_than_one_like_those_it_solved()
    {
        var items = Enumerable.Range(0, 60).Select(i => i % 2 == 0
            ? new OutcomeItem($"t/{i}", $"integrate the polynomial {i} x cubed over the interval", [1.0, 0.0])
            : new OutcomeItem($"t/{i}", $"say hello to my friend number {i}", [1.0, 1.0])).ToList();
        var router = KnnRouter.Fit(items, 0, 1, 512);

        var hard = router.StrongWinProbability("integrate the polynomial 77 x cubed over the interval");
        var easy = router.StrongWinProbability("say hello to my friend number 77");
        // 25 neighbours, all wins (1.0) or all ties (0.5), shrunk toward the mean 0.75 by 5 pseudo-items.
        hard.ShouldBe(((25 * 1.0) + (5 * 0.75)) / 30, 1e-9);
        easy.ShouldBe(((25 * 0.5) + (5 * 0.75)) / 30, 1e-9);
    }
}
