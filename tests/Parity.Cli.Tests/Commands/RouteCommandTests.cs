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
}
