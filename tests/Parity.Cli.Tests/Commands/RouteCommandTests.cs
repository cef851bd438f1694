using System.Text.Json.Nodes;
using Parity.Testing;

namespace Parity.Cli.Tests.Commands;

public sealed class RouteCommandTests
{
    private static readonly string ZeroEval = SharedData.PathOf("outputs/gsm8k/zeroeval");

    [Fact]
    public async Task Eval_prints_the_router_random_and_oracle_with_intervals_as_json_and_writes_the_curve()
    {
        var svg = Path.Combine(Path.GetTempPath(), $"route-{Guid.NewGuid():N}.svg");
        var (exit, output, error) = await CliRunner.RunAsync("route", "eval", "--data", ZeroEval, "--strong", "gpt-4o-2024-05-13", "--weak", "Qwen2-7B-Instruct",
            "--router", "logreg", "--folds", "2", "--bootstrap", "30", "--epochs", "5", "--svg", svg, "--format", "json");

        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        var json = JsonNode.Parse(output)!;
        json["strong"]!.GetValue<string>().ShouldBe("gpt-4o-2024-05-13");
        json["items"]!.GetValue<int>().ShouldBe(1319);
        json["evaluatedItems"]!.GetValue<int>().ShouldBe(1319);
        var routers = json["routers"]!.AsArray();
        routers.Select(r => r!["router"]!.GetValue<string>()).ShouldBe(["logreg", "random", "oracle"]);
        routers[1]!["apgr"]!["value"]!.GetValue<double>().ShouldBe(0.5);
        var oracle = routers[2]!["apgr"]!["value"]!.GetValue<double>();
        var learned = routers[0]!["apgr"]!["value"]!.GetValue<double>();
        oracle.ShouldBeGreaterThan(learned);
        routers[0]!["apgr"]!["low"]!.GetValue<double>().ShouldBeLessThanOrEqualTo(learned);
        json["curve"]!.AsArray().Count.ShouldBe(21);
        var chart = await File.ReadAllTextAsync(svg);
        File.Delete(svg);
        chart.ShouldStartWith("<svg");
        chart.ShouldContain("random (APGR 0.5)");
        // GSM8K: RouteLLM's published GSM8K table comes along (9 rows × 3 metrics), with its source.
        var published = json["published"]!.AsArray();
        published.Count.ShouldBe(27);
        published.ShouldAllBe(f => f!["source"]!.GetValue<string>().Contains("Table 3"));
        // ZeroEval's gpt-4o vs Qwen2 is not RouteLLM's GPT-4-1106 vs Mixtral pair.
        json["publishedSamePair"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Eval_prints_RouteLLMs_published_figures_beside_its_own_and_says_whether_it_is_above_the_best()
    {
        var (exit, output, _) = await CliRunner.RunAsync("route", "eval", "--data", SharedData.PathOf("outputs/routellm/gsm8k_responses.csv.gz"),
            "--strong", "gpt-4-1106-preview", "--weak", "mixtral", "--router", "logreg", "--folds", "2", "--bootstrap", "20", "--epochs", "3");

        exit.ShouldBe(0);
        output.ShouldContain("Published by RouteLLM on GSM8K (Ong et al., RouteLLM, arXiv 2406.18665v4, Table 3");
        output.ShouldContain("causal_llm");
        output.ShouldContain("logreg (this run)");
        output.ShouldContain("Best published APGR: causal_llm");
        output.ShouldContain("Settings differ: RouteLLM trained on Chatbot Arena preferences");
    }

    [Fact]
    public async Task Pairs_evaluates_every_strong_weak_pair_and_counts_those_beating_random()
    {
        var (exit, output, error) = await CliRunner.RunAsync("route", "pairs", "--data", ZeroEval, "--strong", "gpt-4o-2024-08-06", "--weak", "Qwen2-7B,Yi-1.5-9B",
            "--router", "logreg", "--folds", "2", "--bootstrap", "20", "--epochs", "3", "--format", "json");

        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        var json = JsonNode.Parse(output)!;
        json["pairsTried"]!.GetValue<int>().ShouldBe(2);
        json["expectedByChance"]!.GetValue<double>().ShouldBe(0.05, 1e-9);
        var pairs = json["pairs"]!.AsArray();
        pairs.Select(p => p!["weak"]!.GetValue<string>()).ShouldBe(["Qwen2-7B-Instruct", "Yi-1.5-9B-Chat"]);
        json["pairsBeatingRandom"]!.GetValue<int>().ShouldBe(pairs.Count(p => p!["beatsRandom"]!.GetValue<bool>()));
        pairs.ShouldAllBe(p => p!["apgr"]!["low"]!.GetValue<double>() <= p!["apgr"]!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task Score_reads_a_trained_router_file_and_a_corrupt_one_is_a_one_line_error_naming_file_and_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"router-{Guid.NewGuid():N}.json");
        await CliRunner.RunAsync("route", "train", "--data", SharedData.PathOf("outputs/routellm/gsm8k_responses.csv.gz"),
            "--strong", "gpt-4", "--weak", "mixtral", "--router", "logreg", "--epochs", "2", "--out", path);
        var (exit, output, _) = await CliRunner.RunAsync("route", "score", "--router", path, "--format", "json", "What is 2 + 2?");
        exit.ShouldBe(0);
        var p = JsonNode.Parse(output)!["scores"]![0]!["strongWinProbability"]!.GetValue<double>();
        p.ShouldBeInRange(0, 1);

        var doc = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        doc["version"] = 9;
        await File.WriteAllTextAsync(path, doc.ToJsonString());
        var (badExit, _, error) = await CliRunner.RunAsync("route", "score", "--router", path, "x");
        await File.WriteAllTextAsync(path, "{ not json");
        var (garbageExit, _, garbage) = await CliRunner.RunAsync("route", "score", "--router", path, "x");
        File.Delete(path);

        badExit.ShouldBe(1);
        error.Trim().ShouldBe($"error: {path}: field 'version' is 9; this Parity reads version 1.");
        garbageExit.ShouldBe(1);
        garbage.Trim().ShouldStartWith($"error: {path}: not a router file: the JSON does not parse");
        garbage.Trim().ShouldNotContain("\n");
    }

    [Fact]
    public async Task Train_with_an_unknown_weak_model_or_one_model_only_is_a_one_line_error()
    {
        var (exit, _, error) = await CliRunner.RunAsync("route", "train", "--data", SharedData.PathOf("outputs/routellm/gsm8k_responses.csv.gz"),
            "--strong", "gpt-4", "--weak", "qwen", "--out", Path.Combine(Path.GetTempPath(), "never.json"));
        exit.ShouldBe(1);
        error.Trim().ShouldContain("--weak 'qwen' is not one of its models");
        error.Trim().ShouldNotContain("\n");

        var one = Path.Combine(Path.GetTempPath(), $"one_{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(one, "prompt,gpt-4\nWhat is 2+2?,True\n");
        var (oneExit, _, oneError) = await CliRunner.RunAsync("route", "train", "--data", one, "--strong", "gpt-4", "--weak", "gpt-4");
        File.Delete(one);
        oneExit.ShouldBe(1);
        oneError.Trim().ShouldStartWith($"error: {one}: field 'models': the data has 1 model column (gpt-4)");
    }

    [Fact]
    public async Task Train_writes_a_versioned_router_file_with_the_data_hash()
    {
        var path = Path.Combine(Path.GetTempPath(), $"router-{Guid.NewGuid():N}.json");
        var (exit, output, _) = await CliRunner.RunAsync("route", "train", "--data", SharedData.PathOf("outputs/routellm/gsm8k_responses.csv.gz"),
            "--strong", "gpt-4-1106-preview", "--weak", "mixtral", "--router", "logreg", "--epochs", "3", "--out", path);

        exit.ShouldBe(0);
        output.ShouldContain("12 contaminated prompts dropped");
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        File.Delete(path);
        doc["format"]!.GetValue<string>().ShouldBe("parity-router");
        doc["version"]!.GetValue<int>().ShouldBe(1);
        doc["weak"]!.GetValue<string>().ShouldBe("mistralai/Mixtral-8x7B-Instruct-v0.1");
        doc["training"]!["items"]!.GetValue<int>().ShouldBe(1307);
        doc["training"]!["dataSha256"]!.GetValue<string>().Length.ShouldBe(64);
    }

    [Fact]
    public async Task An_unknown_model_is_a_one_line_error()
    {
        var (exit, _, error) = await CliRunner.RunAsync("route", "eval", "--data", ZeroEval, "--strong", "gpt-5", "--weak", "Qwen2-7B", "--bootstrap", "0");

        exit.ShouldBe(1);
        error.Trim().ShouldStartWith($"error: {ZeroEval}: --strong 'gpt-5' is not one of its models");
        error.Trim().ShouldNotContain("\n");
    }

    [Fact]
    public async Task Pareto_prints_the_router_against_every_single_model_as_json_and_writes_the_chart()
    {
        var svg = Path.Combine(Path.GetTempPath(), $"pareto-{Guid.NewGuid():N}.svg");
        var (exit, output, error) = await CliRunner.RunAsync("route", "pareto", "--data", SharedData.PathOf("outputs/mbpp_routerbench/mbpp_routerbench_long.jsonl.gz"),
            "--models", "gpt-4-1106,gpt-3.5,mixtral", "--folds", "2", "--bootstrap", "20", "--epochs", "3", "--svg", svg, "--format", "json");

        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        var json = JsonNode.Parse(output)!;
        json["items"]!.GetValue<int>().ShouldBe(427);
        json["singleModels"]!.AsArray().Count.ShouldBe(3);
        json["router"]!.AsArray().Count.ShouldBeGreaterThan(1);
        json["comparisons"]!.AsArray().Count.ShouldBe(3 + json["cheapestMeeting"]!.AsArray().Count);
        json["costBasis"]!.GetValue<string>().ShouldContain("total_cost_usd");
        var chart = await File.ReadAllTextAsync(svg);
        File.Delete(svg);
        chart.ShouldContain("cheapest-meeting at each model");
        chart.ShouldContain("gpt-3.5-turbo-1106");
    }

    [Fact]
    public async Task Pareto_with_an_unknown_model_is_a_one_line_error()
    {
        var (exit, _, error) = await CliRunner.RunAsync("route", "pareto", "--data", SharedData.PathOf("outputs/mbpp_routerbench/mbpp_routerbench_long.jsonl.gz"), "--models", "gpt-5,mixtral");

        exit.ShouldBe(1);
        error.Trim().ShouldContain("--models 'gpt-5' is not one of its models");
        error.Trim().ShouldNotContain("\n");
    }

    [Fact]
    public async Task A_knn_router_is_evaluated_but_not_written_to_a_router_file()
    {
        var (exit, output, _) = await CliRunner.RunAsync("route", "eval", "--data", ZeroEval, "--strong", "gpt-4o-2024-08-06", "--weak", "Qwen2-7B-Instruct",
            "--router", "knn", "--folds", "2", "--bootstrap", "20", "--format", "json");
        exit.ShouldBe(0);
        JsonNode.Parse(output)!["routers"]![0]!["router"]!.GetValue<string>().ShouldBe("knn");

        var (trainExit, _, error) = await CliRunner.RunAsync("route", "train", "--data", ZeroEval, "--strong", "gpt-4o-2024-08-06", "--weak", "Qwen2-7B-Instruct",
            "--router", "knn", "--out", Path.Combine(Path.GetTempPath(), "never.json"));
        trainExit.ShouldBe(1);
        error.Trim().ShouldStartWith("error: --router knn is measured by 'route eval' and 'route pairs' only");
    }
}
