using Parity.Gateway;
using Parity.Routing;

namespace Parity.Tests.Gateway;

public sealed class LearnedRouteConfigTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("parity-learned-cfg-").FullName;

    private string ConfigPath => Path.Combine(folder, "gateway.yaml");

    private string RouterPath(string name) => Path.Combine(folder, name);

    public LearnedRouteConfigTests()
    {
        // The weak model fails the prompts about fractions; trained for models "big" (strong) and "small" (weak).
        var items = Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? new OutcomeItem($"t/{i}", $"What is the fraction {i} over {i + 3} reduced to lowest terms?", [1.0, 0.0])
            : new OutcomeItem($"t/{i}", $"Say hello to person number {i}.", [1.0, 1.0])).ToList();
        var data = new OutcomeSet("synthetic", ["big", "small"], items, 0, null, "00");
        var options = new RouterTrainingOptions { Kind = RouterKind.LogReg, Buckets = 256, Epochs = 10 };
        var router = RouterTrainer.Train(data.Models, items, "big", "small", options);
        var calibration = RouterCalibration.FromScores([.. items.Select(i => router.StrongWinProbability(i.Prompt))], "in-sample (test)");
        RouterFile.Save(RouterPath("calibrated.json"), router, data, items.Count, options, DateTimeOffset.UnixEpoch, calibration);
        RouterFile.Save(RouterPath("plain.json"), router, data, items.Count, options, DateTimeOffset.UnixEpoch);
        var text = File.ReadAllText(RouterPath("plain.json"));
        File.WriteAllText(RouterPath("corrupt.json"), text[..(text.Length / 2)]);
        var calibrated = File.ReadAllText(RouterPath("calibrated.json"));
        var at = calibrated.IndexOf("\"percentiles\": [", StringComparison.Ordinal) + "\"percentiles\": [".Length;
        File.WriteAllText(RouterPath("bad-calibration.json"), calibrated[..at] + "\"x\"," + calibrated[calibrated.IndexOf(',', at)..].TrimStart(','));
    }

    private GatewaySetup Load(string route, string models = "")
    {
        File.WriteAllText(ConfigPath, $$"""
            providers:
              - { name: p, baseUrl: "http://127.0.0.1:9/v1" }
            models:
              - { name: big, provider: p, prices: { input: 10, output: 30 } }
              - { name: small, provider: p, prices: { input: 0.1, output: 0.2 } }
              - { name: other, provider: p, upstreamModel: other-upstream, prices: { input: 1, output: 1 } }
            {{models}}
            routes:
              - {{route}}
            """);
        return GatewayConfigLoader.Load(ConfigPath, _ => null);
    }

    [Fact]
    public void A_learned_route_loads_its_router_once_and_turns_a_strong_share_into_a_threshold_from_the_calibration()
    {
        var setup = Load("{ name: smart, policy: learned, router: calibrated.json, strong: big, weak: small, strongShare: 0.5 }");
        var route = setup.Routes["smart"];
        route.Policy.ShouldBe(RoutePolicy.Learned);
        var learned = route.Learned!;
        (learned.Strong.Name, learned.Weak.Name, learned.RouterPath).ShouldBe(("big", "small", RouterPath("calibrated.json")));
        learned.Threshold.ShouldBe(learned.Router.Calibration!.ThresholdFor(0.5));
        learned.ThresholdSource.ShouldStartWith("strongShare 0.5 -> threshold ");
        learned.Choose(learned.Score("What is the fraction 5 over 8 reduced to lowest terms?")).Name.ShouldBe("big");
        learned.Choose(learned.Score("Say hello to person number 7.")).Name.ShouldBe("small");
        learned.Plan(learned.Score("Say hello to person number 7.")).Select(m => m.Name).ShouldBe(["small", "big"]);

        var fixedThreshold = Load("{ name: smart, policy: learned, router: plain.json, strong: big, weak: small, threshold: 0.5, fallback: false }").Routes["smart"].Learned!;
        fixedThreshold.Threshold.ShouldBe(0.5);
        fixedThreshold.Plan(1).Select(m => m.Name).ShouldBe(["big"]);
    }

    [Fact]
    public void A_router_model_matches_a_gateway_model_by_its_upstream_or_eval_model_name()
    {
        var setup = Load(
            "{ name: smart, policy: learned, router: calibrated.json, strong: flagship, weak: cheap, threshold: 0.4 }",
            """
              - { name: flagship, provider: p, upstreamModel: big, prices: { input: 10, output: 30 } }
              - { name: cheap, provider: p, evalModel: "p:small", prices: { input: 0.1, output: 0.2 } }
            """);
        setup.Routes["smart"].Learned!.Strong.Name.ShouldBe("flagship");
    }

    [Theory]
    [InlineData("{ name: r, policy: learned, router: calibrated.json, strong: other, weak: small, threshold: 0.5 }", "routes[0].router: {router:calibrated.json}: field 'strong' is 'big', which is not the route's strong model 'other'")]
    [InlineData("{ name: r, policy: learned, router: calibrated.json, strong: big, weak: other, threshold: 0.5 }", "routes[0].router: {router:calibrated.json}: field 'weak' is 'small', which is not the route's weak model 'other'")]
    [InlineData("{ name: r, policy: learned, router: corrupt.json, strong: big, weak: small, threshold: 0.5 }", "routes[0].router: {router:corrupt.json}: not a router file: the JSON does not parse")]
    [InlineData("{ name: r, policy: learned, router: bad-calibration.json, strong: big, weak: small, strongShare: 0.3 }", "routes[0].router: {router:bad-calibration.json}: field 'calibration.percentiles' entry 0 is \"x\"")]
    [InlineData("{ name: r, policy: learned, router: nowhere.json, strong: big, weak: small, threshold: 0.5 }", "routes[0].router: the router file '{router:nowhere.json}' does not exist")]
    [InlineData("{ name: r, policy: learned, strong: big, weak: small, threshold: 0.5 }", "routes[0].router: missing")]
    [InlineData("{ name: r, policy: learned, router: plain.json, strong: big, weak: small, threshold: 1.5 }", "routes[0].threshold: 1.5 is not a probability")]
    [InlineData("{ name: r, policy: learned, router: plain.json, strong: big, weak: small, threshold: -0.1 }", "routes[0].threshold: -0.1 is not a probability")]
    [InlineData("{ name: r, policy: learned, router: plain.json, strong: big, weak: small, strongShare: 0.3 }", "routes[0].strongShare: {router:plain.json}: the router file has no field 'calibration'")]
    [InlineData("{ name: r, policy: learned, router: calibrated.json, strong: big, weak: small, strongShare: 1 }", "routes[0].strongShare: 1 is not a share of calls above 0 and below 1")]
    [InlineData("{ name: r, policy: learned, router: calibrated.json, strong: big, weak: small, threshold: 0.5, strongShare: 0.3 }", "routes[0].strongShare: give threshold or strongShare, not both")]
    [InlineData("{ name: r, policy: learned, router: calibrated.json, strong: big, weak: small }", "routes[0].threshold: a learned route needs a threshold")]
    [InlineData("{ name: r, policy: learned, router: calibrated.json, weak: small, threshold: 0.5 }", "routes[0].strong: missing")]
    [InlineData("{ name: r, policy: learned, router: calibrated.json, strong: big, weak: nope, threshold: 0.5 }", "routes[0].weak: no model is named 'nope'")]
    [InlineData("{ name: r, policy: learned, router: calibrated.json, strong: big, weak: big, threshold: 0.5 }", "routes[0].weak: route 'r' names 'big' as both")]
    [InlineData("{ name: r, policy: learned, router: calibrated.json, strong: big, weak: small, models: [big, other], threshold: 0.5 }", "routes[0].models: a learned route routes between its strong and weak model")]
    public void A_bad_learned_route_is_a_one_line_error_naming_the_config_the_field_and_the_router_file(string route, string expected)
    {
        var ex = Should.Throw<ParityException>(() => Load(route));
        var message = expected.Replace("{router:", folder + Path.DirectorySeparatorChar, StringComparison.Ordinal).Replace(".json}", ".json", StringComparison.Ordinal);
        ex.Message.ShouldStartWith($"{ConfigPath}: {message}");
        ex.Message.ShouldNotContain("\n");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
