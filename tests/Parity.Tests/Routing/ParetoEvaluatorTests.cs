using Parity.Routing;
using Parity.Testing;

namespace Parity.Tests.Routing;

public sealed class ParetoEvaluatorTests
{
    [Fact]
    public void RouterBench_long_format_loads_scores_and_costs_per_model()
    {
        var data = OutcomeLoader.Load(SharedData.PathOf("outputs/mbpp_routerbench/mbpp_routerbench_long.jsonl.gz"));

        data.Models.Count.ShouldBe(11);
        data.Items.Count.ShouldBe(427);
        data.Benchmark.ShouldBe("mbpp");
        var gpt4 = data.IndexOf("gpt-4-1106-preview", "--models");
        // SOURCES.md: gpt-4-1106-preview 68.6% on this slice.
        data.Items.Average(i => i.Scores[gpt4]!.Value).ShouldBe(0.686, 0.001);
        data.Items.ShouldAllBe(i => i.Costs![gpt4] > 0);
        data.Items[0].Prompt.ShouldNotStartWith("[");
    }

    [Fact]
    public void A_bad_line_names_the_file_line_and_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"long_{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, "{\"sample_id\":\"x.1\",\"prompt\":[\"q\"],\"model\":\"a\",\"score\":\"1.0\",\"total_cost_usd\":\"0.001\"}\n{\"sample_id\":\"x.1\",\"prompt\":[\"q\"],\"model\":\"b\",\"score\":\"2\",\"total_cost_usd\":\"0.001\"}\n");
        var ex = Should.Throw<ParityException>(() => OutcomeLoader.Load(path));
        File.Delete(path);

        ex.Message.ShouldBe($"{path}, line 2: field 'score' = '2' is not a number in [0, 1].");
    }

    [Fact]
    public void The_router_sends_prompts_to_the_cheap_model_that_answers_them_and_beats_each_single_model_at_its_budget()
    {
        // "cheap" answers the arithmetic prompts only, "dear" answers everything at 10× the price.
        var random = new Random(5);
        var items = Enumerable.Range(0, 240).Select(i =>
        {
            var easy = i % 2 == 0;
            var prompt = easy ? $"add {random.Next(100)} and {random.Next(100)}" : $"write a poem about the colour {random.Next(100)} in the style of an old sailor who misses home";
            return new OutcomeItem($"t/{i}", prompt, [easy ? 1.0 : 0.0, 1.0], [0.001, 0.01]);
        }).ToList();
        var data = new OutcomeSet("synthetic", ["cheap", "dear"], items, 0, null, "00");

        var result = ParetoEvaluator.Run(data, ["cheap", "dear"], new RouteEvalOptions { Folds = 3, BootstrapRounds = 50 });

        result.SingleModels.Select(p => p.Label).ShouldBe(["cheap", "dear"]);
        result.SingleModels[0].Quality.ShouldBe(0.5, 1e-9);
        // Some λ sends the easy half to "cheap" and the rest to "dear": full quality at about 55% of dear's cost.
        result.Router.ShouldContain(p => p.Quality > 0.97 && p.Cost < 0.0065);
        result.Oracle.Quality.ShouldBe(1.0);
        result.Oracle.Cost.ShouldBe(0.0055, 1e-9);
        var vsDear = result.Comparisons.Single(c => c.Against == "dear");
        vsDear.CostAtEqualQuality!.Value.ShouldBeLessThan(0.0065);
        result.CheapestMeeting.ShouldContain(p => p.Label.EndsWith("→ dear", StringComparison.Ordinal) && p.Quality == 1.0);
        result.Router.Zip(result.Router.Skip(1)).ShouldAllBe(pair => pair.First.Cost <= pair.Second.Cost && pair.First.Quality < pair.Second.Quality);
    }

    [Fact]
    public void Data_without_costs_is_an_error_naming_the_file()
    {
        var data = OutcomeLoader.Load(SharedData.PathOf("outputs/routellm/gsm8k_responses.csv.gz"));
        Should.Throw<ParityException>(() => ParetoEvaluator.Run(data, ["gpt-4", "mixtral"], new RouteEvalOptions())).Message
            .ShouldStartWith($"{data.Source}: the data records no cost per call");
    }
}
