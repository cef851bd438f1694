namespace Parity.Costs;

/// <summary>The assumptions of a serving estimate. Every default is printed with the result.</summary>
/// <param name="Gpu">Accelerator id (default H800).</param>
/// <param name="GpusPerNode">GPUs per node (default 8).</param>
/// <param name="Precision">Weights and matrix multiplications in FP8 (default where the chip has it) or BF16.</param>
/// <param name="PrefillMfu">Share of peak FLOP/s reached in prefill (default 0.40).</param>
/// <param name="DecodeMfu">Share of peak FLOP/s reachable in decode (default 0.40).</param>
/// <param name="DecodeMbu">Share of memory bandwidth reached in decode (default 0.60).</param>
/// <param name="ContextTokens">Mean tokens in the KV cache of a sequence being decoded (default 4,000).</param>
/// <param name="KvBytesPerValue">Bytes per cached value (default 2, BF16).</param>
/// <param name="UsableMemory">Share of HBM for weights and cache, the rest for activations and the runtime (default 0.90).</param>
/// <param name="UnitNodes">Nodes sharing one copy of the weights in decode (default: the fewest whose memory holds the weights in half of it).</param>
/// <param name="MinTokensPerSecond">Per-sequence output speed the batch must keep (default 20 tokens/s).</param>
/// <param name="PricePerGpuHour">Rental price (default: the hardware table's).</param>
/// <param name="Band">Relative spread of the efficiency and context assumptions for the range (default 0.25).</param>
/// <param name="Utilisation">A real fleet's share of the roofline (null: the roofline alone, an ideal bound).</param>
public sealed record ServingOptions(
    string Gpu = "h800",
    int GpusPerNode = 8,
    Precision? Precision = null,
    double PrefillMfu = 0.40,
    double DecodeMfu = 0.40,
    double DecodeMbu = 0.60,
    double ContextTokens = 4000,
    double KvBytesPerValue = 2,
    double UsableMemory = 0.90,
    int? UnitNodes = null,
    double MinTokensPerSecond = 20,
    decimal? PricePerGpuHour = null,
    double Band = 0.25,
    FleetUtilisation? Utilisation = null)
{
    internal void Validate()
    {
        static void Fraction(string flag, double value)
        {
            if (!(value > 0 && value <= 1))
            {
                throw new ParityException($"{flag}: {value} is outside (0, 1].");
            }
        }

        Fraction("--prefill-mfu", PrefillMfu);
        Fraction("--decode-mfu", DecodeMfu);
        Fraction("--decode-mbu", DecodeMbu);
        Fraction("--usable-memory", UsableMemory);
        if (GpusPerNode <= 0)
        {
            throw new ParityException($"--gpus-per-node: {GpusPerNode} must be positive.");
        }

        if (!(ContextTokens > 0) || !double.IsFinite(ContextTokens))
        {
            throw new ParityException($"--context: {ContextTokens} must be a positive number of tokens.");
        }

        if (UnitNodes is <= 0)
        {
            throw new ParityException($"--unit-nodes: {UnitNodes} must be positive.");
        }

        if (!(MinTokensPerSecond >= 0))
        {
            throw new ParityException($"--min-speed: {MinTokensPerSecond} must be 0 or more tokens per second.");
        }

        if (PricePerGpuHour is < 0)
        {
            throw new ParityException($"--price: {PricePerGpuHour} is negative.");
        }

        if (!(Band >= 0 && Band < 1))
        {
            throw new ParityException($"--band: {Band} must be in [0, 1).");
        }
    }
}
