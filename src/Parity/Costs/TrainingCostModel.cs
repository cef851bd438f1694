using System.Globalization;
using Parity.Catalog;

namespace Parity.Costs;

/// <summary>
/// Training cost from first principles: FLOP = 6 × active parameters × training tokens (the standard
/// dense-transformer estimate, forward and backward), GPU-hours = FLOP ÷ (peak FLOP/s × MFU × 3,600),
/// dollars = GPU-hours × rental price; and, where the makers published GPU-hours, those hours priced and
/// the MFU they imply.
/// </summary>
public static class TrainingCostModel
{
    /// <summary>What no estimate here includes, printed with every estimate.</summary>
    public static IReadOnlyList<string> Excluded { get; } =
    [
        "prior research and ablation experiments",
        "failed and restarted runs",
        "data acquisition and processing",
        "staff",
        "the cluster's capital cost (buying rather than renting the GPUs), power and networking beyond the rental price",
    ];

    /// <summary>Estimates one catalog model's training cost.</summary>
    public static TrainingEstimate Estimate(CatalogModel model, TrainingOptions options, CostData data)
    {
        options.Validate();
        var run = data.RunOf(model.Id);
        var gpu = data.Hardware.Get(options.Gpu ?? run?.GpuId ?? "h100");
        var (price, priceSource) = PriceOf(gpu, options.PricePerGpuHour);

        var (activeB, tokens, inputs) = FlopInputs(model, run);
        var flop = 6 * activeB * 1e9 * tokens;
        var peak = gpu.PeakFlops(options.Precision);
        var precision = options.Precision == Precision.Fp8 ? "FP8" : "BF16";

        double Hours(double mfu) => flop / (peak * mfu * 3600);
        var mfuLow = options.Mfu - options.MfuBand;
        var mfuHigh = Math.Min(1, options.Mfu + options.MfuBand);
        var hours = Hours(options.Mfu);
        var fromFlop = new TrainingEstimate.FromFlop(
            options.Mfu, mfuLow, mfuHigh,
            hours, Hours(mfuHigh), Hours(mfuLow),
            options.Gpus, hours / options.Gpus / 24, Hours(mfuHigh) / options.Gpus / 24, Hours(mfuLow) / options.Gpus / 24,
            Money(hours, price), Money(Hours(mfuHigh), price), Money(Hours(mfuLow), price),
            $"GPU-hours = {flop:0.###e0} FLOP ÷ ({gpu.Id} {precision} peak {peak:0.###e0} FLOP/s × MFU {options.Mfu:0.##} × 3,600 s) = {hours:N0}");

        TrainingEstimate.PublishedFigure? published = null;
        if (run is not null)
        {
            var runGpu = data.Hardware.Get(run.GpuId);
            var runPeak = runGpu.PeakFlops(options.Precision);
            var implied = flop / ((double)run.GpuHours * 3600 * runPeak);
            published = new TrainingEstimate.PublishedFigure(
                run.GpuHours,
                run.Stages.Select(s => new TrainingEstimate.Stage(s.Stage, s.GpuHours, s.GpuHours * price)).ToList(),
                run.GpuHours * price,
                implied,
                $"MFU = {flop:0.###e0} FLOP ÷ ({run.GpuHours:N0} {runGpu.Id} hours × 3,600 s × {runPeak:0.###e0} FLOP/s {precision} peak) = {implied:0.000}",
                run.Source,
                run.Notes);
        }

        var epoch = model.Training is { } t
            ? new TrainingEstimate.EpochComparison(
                (double?)t.TrainingComputeFlop,
                t.TrainingComputeFlop is { } ef && ef > 0 ? flop / (double)ef : null,
                t.CostUsd2023,
                t.CostUsd2023 is { } ec && ec > 0 ? (double)((published?.CostUsd ?? fromFlop.CostUsd) / ec) : null,
                $"Epoch AI ({t.EpochName}), {t.Source.Name}, {t.Source.Date}; cost in 2023 US dollars")
            : null;

        return new TrainingEstimate
        {
            Model = model.Id,
            Gpu = gpu.Id,
            PricePerGpuHour = price,
            PriceSource = priceSource,
            Flop = flop,
            FlopFormula = $"FLOP = 6 × {activeB.ToString("0.###", CultureInfo.InvariantCulture)}B active parameters × {tokens:0.###e0} tokens = {flop:0.###e0}",
            FlopInputsSource = inputs,
            Published = published,
            Estimate = fromFlop,
            Epoch = epoch,
            Excluded = Excluded,
            Assumptions =
            [
                "6 FLOP per active parameter per token (forward 2, backward 4); attention FLOPs and recomputation are not counted",
                $"MFU {options.Mfu:0.##} (range {mfuLow:0.##}–{mfuHigh:0.##}) of the {precision} dense peak of {gpu.Name}",
                $"{price} USD per GPU-hour ({priceSource})",
                $"days on {options.Gpus:N0} GPUs at full use, no downtime",
            ],
        };
    }

    private static (double ActiveB, double Tokens, string Source) FlopInputs(CatalogModel model, PublishedTrainingRun? run)
    {
        if (run is not null)
        {
            return (run.ActiveParamsB, run.TrainingTokens, $"{run.Source.Title} ({run.Source.Url})");
        }

        var arch = model.Architecture?.Value;
        var active = arch?.ActiveParamsB ?? arch?.TotalParamsB;
        if (active is null)
        {
            throw new ParityException($"{model.Id}: no published parameter count in the catalog, so its training FLOP cannot be estimated.");
        }

        var tokens = model.Training?.DatasetTokens;
        if (tokens is null or <= 0)
        {
            throw new ParityException($"{model.Id}: no published training-token count (Epoch AI has none), so its training FLOP cannot be estimated.");
        }

        return ((double)active.Value, (double)tokens.Value, $"parameters: {model.Architecture!.Source.Name}; tokens: Epoch AI ({model.Training!.EpochName})");
    }

    internal static (decimal Price, string Source) PriceOf(Gpu gpu, decimal? overridePrice)
    {
        if (overridePrice is { } p)
        {
            return (p, "--price");
        }

        return gpu.RentalUsdPerHour is { } table
            ? (table, gpu.RentalSource!.Title)
            : throw new ParityException($"--price: the hardware table has no sourced rental price for {gpu.Id}; pass --price USD-per-GPU-hour.");
    }

    private static decimal Money(double gpuHours, decimal price) => Math.Round((decimal)gpuHours * price, 0);
}
