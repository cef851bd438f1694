using System.Text.Json.Nodes;
using Parity.Testing;

namespace Parity.Cli.Tests.Commands;

public sealed class RouteTrainCalibrationTests
{
    [Fact]
    public async Task Train_stores_the_out_of_fold_score_percentiles_a_gateway_strong_share_is_calibrated_from()
    {
        var path = Path.Combine(Path.GetTempPath(), $"router-{Guid.NewGuid():N}.json");
        var (exit, output, _) = await CliRunner.RunAsync("route", "train", "--data", SharedData.PathOf("outputs/routellm/gsm8k_responses.csv.gz"),
            "--strong", "gpt-4-1106-preview", "--weak", "mixtral", "--router", "logreg", "--epochs", "3", "--calibration-folds", "3", "--out", path);

        exit.ShouldBe(0);
        output.ShouldContain("scores calibrated on 3-fold out-of-fold scores of the training items");
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        File.Delete(path);
        var calibration = doc["calibration"]!;
        calibration["items"]!.GetValue<int>().ShouldBe(1307);
        var percentiles = calibration["percentiles"]!.AsArray().Select(p => p!.GetValue<double>()).ToList();
        percentiles.Count.ShouldBe(101);
        percentiles.ShouldBe(percentiles.Order().ToList());
        percentiles[0].ShouldBeGreaterThanOrEqualTo(0);
        percentiles[100].ShouldBeLessThanOrEqualTo(1);
        percentiles[100].ShouldBeGreaterThan(percentiles[0]);
    }

    [Fact]
    public async Task One_calibration_fold_is_a_one_line_error()
    {
        var (exit, _, error) = await CliRunner.RunAsync("route", "train", "--data", SharedData.PathOf("outputs/routellm/gsm8k_responses.csv.gz"),
            "--strong", "gpt-4-1106-preview", "--weak", "mixtral", "--calibration-folds", "1", "--out", Path.Combine(Path.GetTempPath(), "never.json"));

        exit.ShouldBe(1);
        error.Trim().ShouldBe("error: --calibration-folds must be 0 (none) or at least 2 (got 1).");
    }
}
