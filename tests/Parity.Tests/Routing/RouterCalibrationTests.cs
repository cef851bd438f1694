using Parity.Routing;
using Parity.Testing;

namespace Parity.Tests.Routing;

public sealed class RouterCalibrationTests
{
    [Fact]
    public void Percentiles_interpolate_between_order_statistics_and_a_share_and_its_threshold_are_inverse()
    {
        // 0.00, 0.01, …, 1.00: the p-th percentile is p / 100.
        var calibration = RouterCalibration.FromScores([.. Enumerable.Range(0, 101).Select(i => i / 100.0).Reverse()], "test");
        calibration.Percentiles.Length.ShouldBe(RouterCalibration.PercentileCount);
        calibration.Percentiles[37].ShouldBe(0.37, 1e-12);
        calibration.ThresholdFor(0.3).ShouldBe(0.7, 1e-12);
        calibration.ThresholdFor(0.255).ShouldBe(0.745, 1e-12);
        calibration.StrongShareAt(0.745).ShouldBe(0.255, 1e-9);
        calibration.StrongShareAt(-1).ShouldBe(1);
        calibration.StrongShareAt(2).ShouldBe(0);

        var two = RouterCalibration.FromScores([0.2, 0.6], "test");
        two.Percentiles[50].ShouldBe(0.4, 1e-12);
        two.Percentiles[0].ShouldBe(0.2);
        two.Percentiles[100].ShouldBe(0.6);
    }

    [Fact]
    public void A_threshold_calibrated_out_of_fold_sends_about_the_asked_share_of_unseen_prompts_to_the_strong_model()
    {
        // RouteLLM's GSM8K outcomes: train on 70% of the items, calibrate out of fold on the same 70%,
        // then count how many of the other 30% score at or above the threshold for a 30% strong share.
        var data = OutcomeLoader.Load(SharedData.PathOf("outputs/routellm/gsm8k_responses.csv.gz"));
        var s = data.IndexOf("gpt-4-1106-preview", "--strong");
        var w = data.IndexOf("mixtral", "--weak");
        var items = data.Paired(s, w).ToList();
        new Random(7).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items));
        var train = items.Take(items.Count * 7 / 10).ToList();
        var unseen = items.Skip(train.Count).ToList();
        var options = new RouterTrainingOptions { Kind = RouterKind.LogReg, Epochs = 10 };
        var router = RouterTrainer.Train(data.Models, train, data.Models[s], data.Models[w], options);
        var calibration = RouterCalibration.OutOfFold(data.Models, train, data.Models[s], data.Models[w], options, folds: 3);
        calibration.Items.ShouldBe(train.Count);
        calibration.Method.ShouldStartWith("3-fold out-of-fold");

        var threshold = calibration.ThresholdFor(0.3);
        var share = unseen.Count(i => router.StrongWinProbability(i.Prompt) >= threshold) / (double)unseen.Count;

        // ±0.06 is about 2.4 standard errors of a share of 0.3 over ~390 prompts.
        share.ShouldBeInRange(0.24, 0.36);
    }
}
