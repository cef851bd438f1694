using Parity.Catalog;

namespace Parity.Costs;

/// <summary>
/// A roofline model of serving cost. Prefill is compute-bound: tokens/s per GPU = peak FLOP/s × MFU ÷
/// (2 × active parameters). Decode is bound by the slower of memory and compute per step: each step reads
/// the share of the weight shard its tokens touch plus every sequence's KV cache, and does 2 × active
/// parameters FLOP per sequence; the batch is the largest that fits in memory and keeps the per-sequence
/// speed target. Cost per million tokens = GPU-seconds per token × price per GPU-hour ÷ 3,600 × 10⁶.
/// </summary>
public static class ServingCostModel
{
    /// <summary>Estimates one catalog model's serving cost.</summary>
    public static ServingEstimate Estimate(CatalogModel model, ServingOptions options, CostData data)
    {
        var arch = model.Architecture?.Value;
        var total = (double?)arch?.TotalParamsB;
        var active = (double?)(arch?.ActiveParamsB ?? arch?.TotalParamsB);
        if (total is null || active is null)
        {
            throw new ParityException($"{model.Id}: the catalog has no published parameter counts, so its serving cost cannot be estimated.");
        }

        var layout = data.AttentionOf(model.Id)
            ?? throw new ParityException($"{model.Id}: no attention layout (layers, KV heads) in data/cost/attention.csv, so its KV cache cannot be sized.");
        return Estimate(model.Id, total.Value, active.Value, layout, options, data);
    }

    /// <summary>Estimates from explicit parameter counts and attention layout.</summary>
    public static ServingEstimate Estimate(string modelId, double totalParamsB, double activeParamsB, AttentionLayout layout, ServingOptions options, CostData data)
    {
        options.Validate();
        var gpu = data.Hardware.Get(options.Gpu);
        var (price, priceSource) = TrainingCostModel.PriceOf(gpu, options.PricePerGpuHour);
        var precision = options.Precision ?? (gpu.Fp8Tflops is null ? Precision.Bf16 : Precision.Fp8);
        var bytesPerParam = precision == Precision.Fp8 ? 1.0 : 2.0;
        var weightBytes = totalParamsB * 1e9 * bytesPerParam;
        var kvBytesPerToken = layout.ValuesPerToken * options.KvBytesPerValue;
        var nodeMemory = gpu.MemoryBytes * options.UsableMemory * options.GpusPerNode;
        var unitNodes = options.UnitNodes ?? Math.Max(1, (int)Math.Ceiling(weightBytes / (0.5 * nodeMemory)));

        var central = Point(1.0, 1.0);
        var optimistic = Point(1 + options.Band, 1 - options.Band);
        var pessimistic = Point(1 - options.Band, 1 + options.Band);

        var gpuSecondUsd = (double)price / 3600;
        var util = options.Utilisation;

        // Without a calibration: central = roofline, range = the band. With one: the roofline is the low end (an
        // ideal fleet), central = roofline at the fleet's realised share, high = the band's pessimistic end at it.
        ServingEstimate.CostRange Cost(Func<Roofline, double> perGpu, double realised) => util is null
            ? new(Usd(gpuSecondUsd / perGpu(central) * 1e6), Usd(gpuSecondUsd / perGpu(optimistic) * 1e6), Usd(gpuSecondUsd / perGpu(pessimistic) * 1e6))
            : new(Usd(gpuSecondUsd / (perGpu(central) * realised) * 1e6), Usd(gpuSecondUsd / perGpu(central) * 1e6), Usd(gpuSecondUsd / (perGpu(pessimistic) * realised) * 1e6));
        var input = Cost(r => r.PrefillPerGpu, util?.Prefill ?? 1);
        var output = Cost(r => r.DecodePerGpu, util?.Decode ?? 1);
        var blended = new ServingEstimate.CostRange((3 * input.Central + output.Central) / 4, (3 * input.Low + output.Low) / 4, (3 * input.High + output.High) / 4);
        var precisionName = precision == Precision.Fp8 ? "FP8" : "BF16";
        var peak = gpu.PeakFlops(precision);

        return new ServingEstimate
        {
            Model = modelId,
            Gpu = gpu.Id,
            GpusPerNode = options.GpusPerNode,
            PricePerGpuHour = price,
            PriceSource = priceSource,
            TotalParamsB = totalParamsB,
            ActiveParamsB = activeParamsB,
            KvBytesPerToken = kvBytesPerToken,
            KvFormula = $"{layout.Formula} × {options.KvBytesPerValue} bytes = {kvBytesPerToken:N0} bytes per token",
            UnitNodes = unitNodes,
            BatchPerGpu = central.Batch,
            BatchLimit = central.BatchLimit,
            StepSeconds = central.Step,
            DecodeBound = central.MemoryBound ? "memory" : "compute",
            PrefillTokensPerSecondPerNode = central.PrefillPerGpu * options.GpusPerNode,
            DecodeTokensPerSecondPerNode = central.DecodePerGpu * options.GpusPerNode,
            InputUsdPerMtok = input,
            OutputUsdPerMtok = output,
            BlendedUsdPerMtok = blended,
            Formulas =
            [
                $"prefill per GPU = {peak:0.###e0} FLOP/s × {options.PrefillMfu:0.##} ÷ (2 × {activeParamsB:0.###}e9) = {central.PrefillPerGpu:N0} tokens/s",
                $"decode step = max(memory: ({central.Touched:0.###} × {weightBytes / (unitNodes * options.GpusPerNode) / 1e9:0.##} GB weight shard + {central.Batch} × {options.ContextTokens:N0} tokens × {kvBytesPerToken:N0} B) ÷ ({gpu.HbmTbPerSecond} TB/s × {options.DecodeMbu:0.##}), compute: {central.Batch} × 2 × {activeParamsB:0.###}e9 ÷ ({peak:0.###e0} × {options.DecodeMfu:0.##})) = {central.Step * 1000:0.0} ms",
                $"decode per GPU = batch {central.Batch} ÷ {central.Step * 1000:0.0} ms = {central.DecodePerGpu:N0} tokens/s",
                $"USD per M tokens = {price} USD/GPU-hour ÷ 3,600 ÷ tokens/s per GPU × 10⁶",
            ],
            Assumptions =
            [
                $"{gpu.Name}, {options.GpusPerNode} per node, {price} USD per GPU-hour ({priceSource})",
                $"weights and matrix multiplications in {precisionName} ({bytesPerParam} byte(s) per parameter); KV cache at {options.KvBytesPerValue} bytes per value",
                $"prefill MFU {options.PrefillMfu:0.##}; decode MBU {options.DecodeMbu:0.##}, decode MFU {options.DecodeMfu:0.##}; range ±{options.Band:P0} on each, context ∓{options.Band:P0}",
                $"mean context in the KV cache while decoding: {options.ContextTokens:N0} tokens",
                $"{options.UsableMemory:P0} of HBM for weights and cache; one copy of the weights spread over {unitNodes} node(s) in decode",
                $"batch: the largest that fits and keeps {options.MinTokensPerSecond:0.#} tokens/s per sequence",
                "attention FLOPs (which grow with the context), communication between GPUs, idle time and load imbalance are not modelled: this is an upper bound on throughput, a lower bound on cost",
                "cache-hit input tokens cost no prefill compute here (loading their KV cache from storage is not modelled)",
                util is null
                    ? "no fleet calibration: the costs are the roofline's (an ideal, fully loaded fleet)"
                    : $"calibrated to a real fleet: prefill at {util.Prefill:P0} and decode at {util.Decode:P0} of the roofline ({util.Source}); the low end is the uncalibrated roofline",
            ],
        };

        Roofline Point(double efficiency, double contextScale)
        {
            var prefillMfu = Math.Min(1, options.PrefillMfu * efficiency);
            var decodeMfu = Math.Min(1, options.DecodeMfu * efficiency);
            var mbu = Math.Min(1, options.DecodeMbu * efficiency);
            var context = options.ContextTokens * contextScale;
            var unitGpus = unitNodes * options.GpusPerNode;
            var shardBytes = weightBytes / unitGpus;
            var kvMemory = gpu.MemoryBytes * options.UsableMemory - shardBytes;
            if (kvMemory <= 0)
            {
                throw new ParityException($"{modelId}: {weightBytes / 1e9:N0} GB of weights do not fit on {unitNodes} node(s) of {options.GpusPerNode} {gpu.Id}; pass a larger --unit-nodes.");
            }

            var sequenceBytes = context * kvBytesPerToken;
            var memoryBatch = (int)Math.Floor(kvMemory / sequenceBytes);
            if (memoryBatch < 1)
            {
                throw new ParityException($"{modelId}: one sequence of {context:N0} tokens ({sequenceBytes / 1e9:0.#} GB of KV cache) does not fit beside the weights on a {gpu.Id}; pass a larger --unit-nodes or a shorter --context.");
            }

            var activeShare = Math.Min(1, activeParamsB / totalParamsB);
            var peakFlops = gpu.PeakFlops(precision);
            double Touched(int batch) => 1 - Math.Pow(1 - activeShare, (double)batch * unitGpus);
            double MemoryTime(int batch) => (Touched(batch) * shardBytes + batch * sequenceBytes) / (gpu.BandwidthBytesPerSecond * mbu);
            double ComputeTime(int batch) => batch * 2 * activeParamsB * 1e9 / (peakFlops * decodeMfu);
            double Step(int batch) => Math.Max(MemoryTime(batch), ComputeTime(batch));

            var batch = memoryBatch;
            var limit = "memory";
            if (options.MinTokensPerSecond > 0 && Step(batch) > 1 / options.MinTokensPerSecond)
            {
                // Step time grows with the batch: the largest batch that keeps the speed target, by bisection.
                int lo = 1, hi = memoryBatch;
                while (lo < hi)
                {
                    var mid = (lo + hi + 1) / 2;
                    if (Step(mid) <= 1 / options.MinTokensPerSecond)
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid - 1;
                    }
                }

                batch = lo;
                limit = Step(lo) <= 1 / options.MinTokensPerSecond ? "speed target" : "speed target (not met even at batch 1)";
            }

            var step = Step(batch);
            return new Roofline(
                peakFlops * prefillMfu / (2 * activeParamsB * 1e9),
                batch / step,
                batch,
                limit,
                step,
                MemoryTime(batch) >= ComputeTime(batch),
                Touched(batch));
        }
    }

    private static decimal Usd(double value) => Math.Round((decimal)value, 4);

    private sealed record Roofline(double PrefillPerGpu, double DecodePerGpu, int Batch, string BatchLimit, double Step, bool MemoryBound, double Touched);
}
