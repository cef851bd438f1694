using Parity.Catalog;

namespace Parity.Costs;

/// <summary>
/// The share of the roofline's throughput a real fleet reached over a published day: the calibration that turns
/// an ideal bound into an estimate. Derived from a scenario by running the same roofline on its deployment.
/// </summary>
/// <param name="Prefill">Published computed prefill throughput ÷ roofline prefill (cache misses only).</param>
/// <param name="Decode">Published decode throughput ÷ roofline decode.</param>
/// <param name="Source">The scenario it comes from.</param>
public sealed record FleetUtilisation(double Prefill, double Decode, string Source)
{
    /// <summary>The shipped scenario behind the default calibration.</summary>
    public const string ShippedScenario = "cost/deepseek-inference-2025-02.yaml";

    /// <summary>Calibrates from a scenario with published prefill and decode throughput, under the same assumptions.</summary>
    public static FleetUtilisation FromScenario(InferenceScenario scenario, ModelCatalog catalog, CostData data, ServingOptions options)
    {
        var run = ScenarioModel.Run(scenario, catalog, data, options with { Utilisation = null });
        if (run.PrefillRooflineRatio is not { } prefill || run.DecodeRooflineRatio is not { } decode)
        {
            throw new ParityException($"scenario '{scenario.Name}' publishes no prefill and decode throughput to calibrate with.");
        }

        return new FleetUtilisation(
            Math.Min(1, 1 / prefill),
            Math.Min(1, 1 / decode),
            $"{scenario.Source}, {scenario.Published}: the published day reached {1 / prefill:P0} of the roofline's prefill and {1 / decode:P0} of its decode throughput");
    }

    /// <summary>The calibration from the shipped DeepSeek day.</summary>
    public static FleetUtilisation FromShippedScenario(ModelCatalog catalog, CostData data, ServingOptions options) =>
        FromScenario(InferenceScenario.Load(ShippedData.PathOf(ShippedScenario)), catalog, data, options);
}
