using Dapper;
using Parity.Evals;
using Parity.Gateway;
using Parity.Storage;

namespace Parity.Tests.Gateway;

/// <summary>
/// <c>cheapest-meeting</c> bars on benchmark accuracies read from a real eval store, written with
/// <see cref="EvalStore"/>'s own API: which models meet the bar, the score text, exclusions and errors.
/// </summary>
public sealed class GatewayEvalBarTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("parity-gweval-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>
    /// Two gsm8k runs in the gateway's own store: the older 'gsm8k-a' (deepseek 95/100, qwen 92/100,
    /// gpt-4o-mini 80/100, kimi 90 right of 98 answered plus 2 failed calls) and the newer 'gsm8k-b'
    /// (deepseek 85/100 only); and an mmlu run.
    /// </summary>
    private string WriteStore(string file = "parity.db")
    {
        var path = Path.Combine(folder, file);
        using var store = ParityStore.OpenSqlite(path);
        var evals = new EvalStore(store);
        AddRun(evals, "gsm8k-a", "gsm8k", "2026-11-20T09:30:00.0000000+00:00",
            ("deepseek:deepseek-chat", 100, 95, 0), ("dashscope:qwen-plus", 100, 92, 0), ("openai:gpt-4o-mini", 100, 80, 0), ("moonshot:kimi-k2-0905-preview", 98, 90, 2));
        AddRun(evals, "gsm8k-b", "gsm8k", "2026-11-22T18:00:00.0000000+00:00", ("deepseek:deepseek-chat", 100, 85, 0));
        AddRun(evals, "mmlu-1", "mmlu", "2026-11-21T12:00:00.0000000+00:00", ("openai:gpt-4o-mini", 50, 45, 0));
        return path;
    }

    private static void AddRun(EvalStore evals, string name, string suite, string createdAt, params (string Model, int Answered, int Right, int Failed)[] models)
    {
        var run = evals.OpenRun(name, suite, "test", "{}");
        evals.Store.Connection.Execute("UPDATE eval_runs SET created_at = @createdAt WHERE id = @id", new { createdAt, id = run.Id });
        var rows = new List<EvalResultRecord>();
        foreach (var (model, answered, right, failed) in models)
        {
            for (var i = 0; i < answered + failed; i++)
            {
                var ok = i < answered;
                rows.Add(new EvalResultRecord
                {
                    Model = model,
                    ItemId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Status = ok ? EvalResultRecord.Ok : EvalResultRecord.Failed,
                    Request = "[]",
                    Reference = "42",
                    Completion = ok ? "42" : null,
                    Attempts = 1,
                    Score = ok ? (i < right ? 1 : 0) : null,
                    Error = ok ? null : "HTTP 500",
                    CalledAt = createdAt,
                });
            }
        }

        evals.Write(run.Id, rows);
    }

    private GatewaySetup Load(string yaml)
    {
        var path = Path.Combine(folder, "gateway.yaml");
        File.WriteAllText(path, yaml);
        return GatewayConfigLoader.Load(path, _ => null);
    }

    private const string Config = """
        ledger: { sqlite: parity.db }
        providers:
          - { name: deepseek, baseUrl: "http://127.0.0.1:9/v1" }
          - { name: openai, baseUrl: "http://127.0.0.1:9/v1" }
          - { name: qwen-intl, baseUrl: "http://127.0.0.1:9/v1" }
          - { name: moonshot, baseUrl: "http://127.0.0.1:9/v1" }
        models:
          - { name: deepseek-chat, provider: deepseek, prices: { input: 0.28, output: 0.42 }, origin: CN, openWeights: true, vendor: DeepSeek }
          - { name: gpt-4o-mini, provider: openai, prices: { input: 0.15, output: 0.6 }, origin: US, openWeights: false, vendor: OpenAI }
          - { name: qwen-plus, provider: qwen-intl, prices: { input: 0.4, output: 1.2 }, origin: CN, openWeights: false, vendor: Alibaba }
          - { name: kimi, provider: moonshot, upstreamModel: kimi-k2-0905-preview, prices: { input: 0.6, output: 2.5 }, origin: CN, openWeights: true, vendor: Moonshot }
        """;

    [Fact]
    public void The_newest_run_that_scored_each_model_sets_its_accuracy_shown_with_interval_size_run_and_date()
    {
        WriteStore();
        var setup = Load(Config + """

            routes:
              - { name: good-math, policy: cheapest-meeting, minimum: { gsm8k: 0.90 }, models: [deepseek-chat, gpt-4o-mini, qwen-plus, kimi] }
            """);
        var route = setup.Routes["good-math"];

        // deepseek-chat's newest gsm8k run is gsm8k-b (0.85); qwen-plus is matched by its model name under
        // the harness's provider name (dashscope:qwen-plus); kimi through its upstream name. Cheapest first.
        route.Candidates.Select(m => m.Name).ShouldBe(["qwen-plus", "kimi"]);
        route.Scores.ShouldBe([
            "qwen-plus: gsm8k 0.920 [0.850, 0.959], n=100 (eval run gsm8k-a, 2026-11-20, dashscope:qwen-plus)",
            "kimi: gsm8k 0.918 [0.847, 0.958], n=98 (eval run gsm8k-a, 2026-11-20, moonshot:kimi-k2-0905-preview, 2 failed calls not counted)",
        ]);
        route.Excluded.ShouldBe([
            "deepseek-chat: gsm8k 0.850 [0.767, 0.907], n=100 < 0.9 (eval run gsm8k-b, 2026-11-22, deepseek:deepseek-chat)",
            "gpt-4o-mini: gsm8k 0.800 [0.711, 0.867], n=100 < 0.9 (eval run gsm8k-a, 2026-11-20, openai:gpt-4o-mini)",
        ]);
    }

    [Fact]
    public void Eval_run_names_the_run_to_read()
    {
        WriteStore();
        var setup = Load(Config + """

            routes:
              - { name: r, policy: cheapest-meeting, minimum: { gsm8k: 0.9 }, evalRun: gsm8k-a, models: [qwen-plus, deepseek-chat] }
            """);
        setup.Routes["r"].Candidates.Select(m => m.Name).ShouldBe(["deepseek-chat", "qwen-plus"]);
        setup.Routes["r"].Scores[0].ShouldBe("deepseek-chat: gsm8k 0.950 [0.888, 0.978], n=100 (eval run gsm8k-a, 2026-11-20, deepseek:deepseek-chat)");
        setup.Routes["r"].Excluded.ShouldBeEmpty();
    }

    [Fact]
    public void A_model_without_a_result_does_not_meet_the_bar_and_says_why()
    {
        WriteStore();
        var setup = Load(Config + """

              - { name: o3, provider: openai, prices: { input: 2, output: 8 }, origin: US, openWeights: false, vendor: OpenAI }
            routes:
              - { name: pinned, policy: cheapest-meeting, minimum: { gsm8k: 0.8 }, evalRun: gsm8k-b, models: [deepseek-chat, qwen-plus] }
              - { name: newest, policy: cheapest-meeting, minimum: { gsm8k: 0.8 }, models: [deepseek-chat, o3] }
            """);
        setup.Routes["pinned"].Candidates.Select(m => m.Name).ShouldBe(["deepseek-chat"]);
        setup.Routes["pinned"].Excluded.ShouldBe([
            "qwen-plus: no gsm8k score in its quality, and eval run 'gsm8k-b' has no answers from 'qwen-intl:qwen-plus' (or another provider's 'qwen-plus') (it scored: deepseek:deepseek-chat); give it evalModel if the run named it otherwise",
        ]);
        var excluded = setup.Routes["newest"].Excluded.ShouldHaveSingleItem();
        excluded.ShouldStartWith("o3: no gsm8k score in its quality, and none of the 2 gsm8k runs in '");
        excluded.ShouldContain("has answers from 'openai:o3' (or another provider's 'o3')");
    }

    [Fact]
    public void Eval_model_maps_a_model_the_harness_named_otherwise_and_config_scores_win()
    {
        WriteStore();
        var setup = Load(Config + """

              - { name: ds-router, provider: openai, upstreamModel: deepseek/deepseek-chat, evalModel: "deepseek:deepseek-chat", prices: { input: 0.3, output: 0.5 }, origin: CN, openWeights: true, vendor: DeepSeek }
              - { name: gpt-tuned, provider: openai, upstreamModel: gpt-4o-mini, quality: { gsm8k: 0.93 }, prices: { input: 0.3, output: 1.2 }, origin: US, openWeights: false, vendor: OpenAI }
            routes:
              - { name: r, policy: cheapest-meeting, minimum: { gsm8k: 0.84 }, models: [ds-router, gpt-tuned, gpt-4o-mini] }
            """);
        var route = setup.Routes["r"];
        route.Candidates.Select(m => m.Name).ShouldBe(["ds-router", "gpt-tuned"]);
        route.Scores.ShouldBe([
            "ds-router: gsm8k 0.850 [0.767, 0.907], n=100 (eval run gsm8k-b, 2026-11-22, deepseek:deepseek-chat)",
            "gpt-tuned: gsm8k 0.93 (config)",
        ]);
        route.Excluded.ShouldBe(["gpt-4o-mini: gsm8k 0.800 [0.711, 0.867], n=100 < 0.84 (eval run gsm8k-a, 2026-11-20, openai:gpt-4o-mini)"]);
    }

    [Fact]
    public void Two_recorded_models_that_could_be_the_one_are_not_guessed_between()
    {
        var path = WriteStore();
        using (var store = ParityStore.OpenSqlite(path))
        {
            AddRun(new EvalStore(store), "gsm8k-c", "gsm8k", "2026-11-23T08:00:00Z", ("dashscope:qwen-plus", 10, 10, 0), ("openrouter:qwen-plus", 10, 9, 0));
        }

        var setup = Load(Config + """

            routes:
              - { name: r, policy: cheapest-meeting, minimum: { gsm8k: 0.9 }, models: [qwen-plus, kimi] }
            """);
        setup.Routes["r"].Excluded.ShouldBe([
            "qwen-plus: no gsm8k score in its quality, and eval run 'gsm8k-c' scored several models that could be it (dashscope:qwen-plus, openrouter:qwen-plus); give it evalModel",
        ]);
    }

    [Fact]
    public void The_eval_store_can_be_named_in_the_config()
    {
        Directory.CreateDirectory(Path.Combine(folder, "evals"));
        WriteStore(Path.Combine("evals", "results.db"));
        var setup = Load(Config + """

            evals: { sqlite: evals/results.db }
            routes:
              - { name: r, policy: cheapest-meeting, minimum: { mmlu: 0.85 }, models: [gpt-4o-mini] }
            """);
        setup.Routes["r"].Scores.ShouldBe(["gpt-4o-mini: mmlu 0.900 [0.786, 0.957], n=50 (eval run mmlu-1, 2026-11-21, openai:gpt-4o-mini)"]);
        File.Exists(Path.Combine(folder, "parity.db")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("minimum: { gsm8k: 90 }", "routes[0].minimum.gsm8k: 90 is not an accuracy; gsm8k scores are fractions from 0 to 1 (write 0.9 for 90%)")]
    [InlineData("minimum: { gsm8q: 0.9 }", "routes[0].minimum.gsm8q: no model of route 'r' has quality.gsm8q, and no eval run of suite 'gsm8q' is in the store (suites with runs in '")]
    [InlineData("minimum: { gsm8k: 0.9 }, evalRun: nope", "routes[0].evalRun: no eval run is named 'nope' (runs in '")]
    [InlineData("minimum: { gsm8k: 0.9 }, evalRun: mmlu-1", "routes[0].evalRun: run 'mmlu-1' is a run of suite 'mmlu', but route 'r' has no minimum.mmlu")]
    [InlineData("minimum: { gsm8k: 0.99 }", "routes[0].minimum: no model of route 'r' has a known score meeting gsm8k >= 0.99: deepseek-chat: gsm8k 0.850 [0.767, 0.907], n=100 < 0.99 (eval run gsm8k-b, 2026-11-22, deepseek:deepseek-chat); gpt-4o-mini: gsm8k 0.800")]
    public void Eval_bar_mistakes_are_errors_naming_the_field(string bar, string expected)
    {
        WriteStore();
        var ex = Should.Throw<ParityException>(() => Load(Config + $$"""

            routes:
              - { name: r, policy: cheapest-meeting, {{bar}}, models: [deepseek-chat, gpt-4o-mini] }
            """));
        ex.Message.ShouldStartWith(Path.Combine(folder, "gateway.yaml") + ": ");
        ex.Message.ShouldContain(expected);
        if (expected.Contains("suites with runs", StringComparison.Ordinal))
        {
            ex.Message.ShouldContain("gsm8k, mmlu");
        }

        if (expected.Contains("runs in", StringComparison.Ordinal) && bar.Contains("nope", StringComparison.Ordinal))
        {
            ex.Message.ShouldContain("gsm8k-a, gsm8k-b, mmlu-1");
        }
    }

    [Fact]
    public void A_percent_score_in_the_config_for_an_eval_suite_is_an_error()
    {
        var ex = Should.Throw<ParityException>(() => Load(Config.Replace("vendor: OpenAI }", "vendor: OpenAI, quality: { gsm8k: 92 } }", StringComparison.Ordinal) + """

            routes:
              - { name: r, policy: cheapest-meeting, minimum: { gsm8k: 0.9 }, models: [gpt-4o-mini] }
            """));
        ex.Message.ShouldContain("routes[0].minimum.gsm8k: model 'gpt-4o-mini' has quality.gsm8k 92, but gsm8k scores are fractions from 0 to 1");
    }

    [Fact]
    public void Without_an_eval_store_a_benchmark_bar_says_where_it_looked_and_creates_nothing()
    {
        var ex = Should.Throw<ParityException>(() => Load(Config + """

            routes:
              - { name: r, policy: cheapest-meeting, minimum: { gsm8k: 0.9 }, models: [deepseek-chat] }
            """));
        ex.Message.ShouldContain($"routes[0].minimum.gsm8k: no model of route 'r' has quality.gsm8k, and no eval run of suite 'gsm8k' is in the store (the eval store '{Path.Combine(folder, "parity.db")}' does not exist)");
        File.Exists(Path.Combine(folder, "parity.db")).ShouldBeFalse();

        // A percent-looking bar on a built-in suite is caught before the store is even looked at.
        Should.Throw<ParityException>(() => Load(Config + """

            routes:
              - { name: r, policy: cheapest-meeting, minimum: { gsm8k: 90 }, models: [deepseek-chat] }
            """)).Message.ShouldContain("routes[0].minimum.gsm8k: 90 is not an accuracy");

        var missing = Should.Throw<ParityException>(() => Load(Config + "\nevals: { sqlite: nowhere.db }\n"));
        missing.Message.ShouldContain("gateway.yaml: evals.sqlite: the eval store '");
    }
}
