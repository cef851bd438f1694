using Parity.Gateway;

namespace Parity.Cli.Tests.Commands;

/// <summary>
/// End to end: <c>parity eval run</c> (offline, replayed models) writes the store, and a gateway config
/// with a benchmark bar on the same <c>--db</c> routes by those accuracies.
/// </summary>
public sealed class GatewayEvalBarCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("parity-gwevalcli-").FullName;

    private string Db => Path.Combine(folder, "parity.db");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Config(double minimum)
    {
        var path = Path.Combine(folder, "gateway.yaml");
        File.WriteAllText(path, $$"""
            providers:
              - { name: replay, baseUrl: "http://127.0.0.1:9/v1" }
              - { name: openai, baseUrl: "http://127.0.0.1:9/v1" }
            models:
              - { name: qwen2-72b, provider: replay, upstreamModel: Qwen2-72B-Instruct, prices: { input: 0.4, output: 1.2 }, origin: CN, openWeights: true, vendor: Alibaba }
              - { name: gpt-4o, provider: openai, upstreamModel: gpt-4o-2024-05-13, prices: { input: 2.5, output: 10 }, origin: US, openWeights: false, vendor: OpenAI }
            routes:
              - { name: good-math, policy: cheapest-meeting, minimum: { gsm8k: {{minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)}} }, models: [qwen2-72b, gpt-4o] }
            """);
        return path;
    }

    [Fact]
    public async Task A_bar_on_gsm8k_reads_the_accuracies_eval_run_stored_in_the_same_db()
    {
        var (exit, _, error) = await CliRunner.RunAsync("--db", Db, "eval", "run", "--suite", "gsm8k",
            "--model", "replay:Qwen2-72B-Instruct", "--model", "replay:gpt-4o-2024-05-13", "--run", "gsm8k-replay");
        exit.ShouldBe(0, error);

        // Qwen2-72B-Instruct answered 92.6% right, GPT-4o 95.4% (the recordings' published accuracies).
        var route = GatewayConfigLoader.Load(Config(0.9), _ => null, sqliteOverride: Db).Routes["good-math"];
        route.Candidates.Select(m => m.Name).ShouldBe(["qwen2-72b", "gpt-4o"]);
        route.Scores[0].ShouldStartWith("qwen2-72b: gsm8k 0.926 [0.911, 0.939], n=1319 (eval run gsm8k-replay, ");
        route.Scores[1].ShouldStartWith("gpt-4o: gsm8k 0.954 [");
        route.Scores[1].ShouldEndWith(", replay:gpt-4o-2024-05-13)");

        route = GatewayConfigLoader.Load(Config(0.95), _ => null, sqliteOverride: Db).Routes["good-math"];
        route.Candidates.Select(m => m.Name).ShouldBe(["gpt-4o"]);
        route.Excluded.ShouldHaveSingleItem().ShouldStartWith("qwen2-72b: gsm8k 0.926 [0.911, 0.939], n=1319 < 0.95 (eval run gsm8k-replay, ");

        // The gateway's commands read the same store through --db; a bar nobody meets stops them with the scores.
        (exit, _, error) = await CliRunner.RunAsync("--db", Db, "gateway", "keys", "list", "--config", Config(0.95));
        exit.ShouldBe(0, error);
        (exit, _, error) = await CliRunner.RunAsync("--db", Db, "gateway", "keys", "list", "--config", Config(0.97));
        exit.ShouldBe(1);
        error.ShouldContain("routes[0].minimum: no model of route 'good-math' has a known score meeting gsm8k >= 0.97: qwen2-72b: gsm8k 0.926 [0.911, 0.939], n=1319 < 0.97");
    }
}
