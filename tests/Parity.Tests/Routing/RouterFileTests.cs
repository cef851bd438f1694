using Parity.Routing;

namespace Parity.Tests.Routing;

public sealed class RouterFileTests
{
    private static (LearnedRouter Router, OutcomeSet Data) TrainSmall(RouterKind kind)
    {
        // The weak model fails exactly the prompts that mention "fraction"; the strong one gets all right.
        var items = Enumerable.Range(0, 60).Select(i => i % 2 == 0
            ? new OutcomeItem($"t/{i}", $"What is the fraction {i} over {i + 3} reduced to lowest terms?", [1.0, 0.0])
            : new OutcomeItem($"t/{i}", $"Say hello to person number {i}.", [1.0, 1.0])).ToList();
        var data = new OutcomeSet("synthetic", ["big", "small"], items, 0, null, "00");
        var router = RouterTrainer.Train(data.Models, items, "big", "small", new RouterTrainingOptions { Kind = kind, Buckets = 1024, Rank = 4, Epochs = 30 });
        return (router, data);
    }

    [Theory]
    [InlineData("mf")]
    [InlineData("logreg")]
    public void A_trained_router_sends_the_prompts_the_weak_model_fails_to_the_strong_one_and_survives_a_round_trip(string kindName)
    {
        var kind = kindName == "mf" ? RouterKind.Mf : RouterKind.LogReg;
        var (router, data) = TrainSmall(kind);
        var hard = "What is the fraction 7 over 21 reduced to lowest terms?";
        var easy = "Say hello to person number 99.";
        router.StrongWinProbability(hard).ShouldBeGreaterThan(router.StrongWinProbability(easy) + 0.1);

        var path = Path.GetTempFileName();
        RouterFile.Save(path, router, data, 60, new RouterTrainingOptions { Kind = kind }, DateTimeOffset.UnixEpoch);
        var loaded = RouterFile.Load(path);
        File.Delete(path);

        loaded.Kind.ShouldBe(kind);
        loaded.Strong.ShouldBe("big");
        loaded.StrongWinProbability(hard).ShouldBe(router.StrongWinProbability(hard), 1e-12);
        loaded.StrongWinProbability(easy).ShouldBe(router.StrongWinProbability(easy), 1e-12);
    }

    [Fact]
    public void A_corrupt_router_file_is_a_one_line_error_naming_the_file()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "{\"format\": \"parity-router\", \"version\": 1, \"kind\": \"mf\",");
        var ex = Should.Throw<ParityException>(() => RouterFile.Load(path));
        ex.Message.ShouldStartWith($"{path}: not a router file: the JSON does not parse");
        ex.Message.ShouldNotContain("\n");

        var (router, data) = TrainSmall(RouterKind.LogReg);
        RouterFile.Save(path, router, data, 60, new RouterTrainingOptions(), DateTimeOffset.UnixEpoch);
        var text = File.ReadAllText(path);
        var start = text.IndexOf("\"projection\": \"", StringComparison.Ordinal) + "\"projection\": \"".Length;
        File.WriteAllText(path, text[..start] + "AAAA" + text[text.IndexOf('"', start)..]);
        Should.Throw<ParityException>(() => RouterFile.Load(path)).Message.ShouldBe($"{path}: field 'weights.projection' holds 0 numbers; {router.Features.Dimension} expected.");
        File.Delete(path);
    }
}
