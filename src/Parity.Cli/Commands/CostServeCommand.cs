using System.CommandLine;
using System.Globalization;
using Parity.Costs;

namespace Parity.Cli.Commands;

/// <summary><c>parity cost serve MODEL | --scenario FILE</c>: roofline serving cost, or a published fleet's day reproduced.</summary>
internal static class CostServeCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string?>("model") { Description = "Model id or any alias (omit with --scenario)", Arity = ArgumentArity.ZeroOrOne };
        var scenario = new Option<string?>("--scenario") { Description = "A published inference scenario (YAML), e.g. data/cost/deepseek-inference-2025-02.yaml" };
        var inputTokens = new Option<long?>("--input-tokens") { Description = "Price a workload: input tokens" };
        var outputTokens = new Option<long?>("--output-tokens") { Description = "Price a workload: output tokens" };
        var cacheHit = new Option<double>("--cache-hit") { Description = "Share of input tokens served from the cache (no prefill compute)", DefaultValueFactory = _ => 0 };
        var ideal = new Option<bool>("--ideal") { Description = "The roofline alone (an ideal, fully loaded fleet), without calibrating to DeepSeek's published day" };
        var flags = new CostCommand.ServingFlags();
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("serve", "Serving cost per million input and output tokens from a roofline: compute-bound prefill on active parameters; decode bound by memory bandwidth (active weights touched plus the KV cache: MHA, GQA or MLA) or compute; the batch that fits in memory and keeps a per-sequence speed. With --scenario, reproduces a provider's published day (cost, revenue, margin) and sets the roofline beside its throughput.");
        command.Arguments.Add(model);
        command.Options.Add(scenario);
        command.Options.Add(inputTokens);
        command.Options.Add(outputTokens);
        command.Options.Add(cacheHit);
        command.Options.Add(ideal);
        flags.AddTo(command);
        command.Options.Add(format);
        CliAction.Set(command, context, result =>
        {
            var catalog = CatalogLoader.Load(result);
            var options = flags.Read(result);
            var json = result.GetValue(format) == OutputFormat.Json;
            if (result.GetValue(scenario) is { } path)
            {
                var run = ScenarioModel.Run(InferenceScenario.Load(path), catalog, CostData.Shipped, options);
                if (json)
                {
                    CliJson.Write(context.Writer, run);
                }
                else
                {
                    WriteScenario(context.Writer, run);
                }

                return 0;
            }

            var id = result.GetValue(model) ?? throw new ParityException("cost serve: name a model, or pass --scenario FILE.");
            if (!result.GetValue(ideal))
            {
                options = options with { Utilisation = FleetUtilisation.FromShippedScenario(catalog, CostData.Shipped, options) };
            }

            var estimate = ServingCostModel.Estimate(catalog.Get(id), options, CostData.Shipped);
            var workload = Workload(estimate, result.GetValue(inputTokens), result.GetValue(outputTokens), result.GetValue(cacheHit));
            if (json)
            {
                CliJson.Write(context.Writer, new { estimate, workload });
            }
            else
            {
                WriteEstimate(context.Writer, estimate);
                if (workload is not null)
                {
                    context.Writer.WriteLine($"workload: {workload.CostUsd.Central} USD ({workload.CostUsd.Low}–{workload.CostUsd.High}); {workload.Note}");
                }
            }

            return 0;
        });
        return command;
    }

    private static WorkloadCost? Workload(ServingEstimate e, long? input, long? output, double cacheHit)
    {
        if (input is null && output is null)
        {
            return null;
        }

        if (input < 0 || output < 0)
        {
            throw new ParityException("--input-tokens/--output-tokens: token counts must not be negative.");
        }

        if (!(cacheHit is >= 0 and <= 1))
        {
            throw new ParityException($"--cache-hit: {cacheHit} is outside 0–1.");
        }

        var misses = (decimal)((input ?? 0) * (1 - cacheHit)) / 1_000_000m;
        var outputM = (output ?? 0) / 1_000_000m;
        decimal At(decimal inRate, decimal outRate) => Math.Round(misses * inRate + outputM * outRate, 4);
        return new WorkloadCost(
            input ?? 0, output ?? 0, cacheHit,
            new ServingEstimate.CostRange(At(e.InputUsdPerMtok.Central, e.OutputUsdPerMtok.Central), At(e.InputUsdPerMtok.Low, e.OutputUsdPerMtok.Low), At(e.InputUsdPerMtok.High, e.OutputUsdPerMtok.High)),
            "cache-hit input tokens are counted at no compute cost");
    }

    private static void WriteEstimate(TextWriter w, ServingEstimate e)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine($"{e.Model} on {e.Gpu} × {e.GpusPerNode} per node: {e.TotalParamsB:0.###}B total, {e.ActiveParamsB:0.###}B active");
        w.WriteLine($"  KV cache: {e.KvFormula}");
        w.WriteLine($"  prefill {e.PrefillTokensPerSecondPerNode.ToString("N0", c)} tokens/s per node; decode {e.DecodeTokensPerSecondPerNode.ToString("N0", c)} tokens/s per node (batch {e.BatchPerGpu} per GPU, limited by {e.BatchLimit}; {e.DecodeBound}-bound step {e.StepSeconds * 1000:0.0} ms; weights over {e.UnitNodes} node(s))");
        w.WriteLine($"  cost per M input tokens (cache miss) {e.InputUsdPerMtok.Central} USD ({e.InputUsdPerMtok.Low}–{e.InputUsdPerMtok.High})");
        w.WriteLine($"  cost per M output tokens {e.OutputUsdPerMtok.Central} USD ({e.OutputUsdPerMtok.Low}–{e.OutputUsdPerMtok.High})");
        w.WriteLine($"  blended 3:1 {e.BlendedUsdPerMtok.Central} USD ({e.BlendedUsdPerMtok.Low}–{e.BlendedUsdPerMtok.High})");
        foreach (var formula in e.Formulas)
        {
            w.WriteLine($"  {formula}");
        }

        w.WriteLine("assumptions: " + string.Join("; ", e.Assumptions));
    }

    private static void WriteScenario(TextWriter w, ScenarioResult r)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine(r.Name);
        w.WriteLine($"source: {r.Source.Title}, {r.Source.Date} ({r.Source.Url})");
        w.WriteLine($"cost {r.CostUsd.ToString("N2", c)} USD ({r.GpuHours.ToString("N0", c)} GPU-hours); revenue {r.RevenueUsd.ToString("N2", c)} USD; cost-profit margin {r.CostProfitMargin:P1}");
        foreach (var line in r.Revenue)
        {
            w.WriteLine($"  {line.Component}: {line.Tokens.ToString("0.###e0", c)} tokens × {line.UsdPerMtok} USD/M = {line.Usd.ToString("N2", c)} USD");
        }

        foreach (var formula in r.Formulas)
        {
            w.WriteLine($"  {formula}");
        }

        w.WriteLine("computed vs published:");
        foreach (var cmp in r.Comparisons)
        {
            w.WriteLine($"  {cmp.Figure}: {cmp.Computed.ToString("N2", c)} vs {cmp.Published.ToString("N2", c)} (ratio {cmp.Ratio:0.00}) — {cmp.Note}");
        }

        w.WriteLine("roofline:");
        WriteEstimate(w, r.Roofline);
    }

    /// <summary>A workload priced at the estimated costs.</summary>
    internal sealed record WorkloadCost(long InputTokens, long OutputTokens, double CacheHit, ServingEstimate.CostRange CostUsd, string Note);
}
