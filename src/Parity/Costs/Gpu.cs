namespace Parity.Costs;

/// <summary>One accelerator of the hardware table (<c>data/cost/hardware.csv</c>), every figure per chip.</summary>
/// <param name="Id">Short id, e.g. <c>h800</c>.</param>
/// <param name="Name">Full name.</param>
/// <param name="Aliases">Other spellings (Epoch AI's hardware names among them).</param>
/// <param name="Bf16Tflops">Dense BF16 tensor throughput, TFLOP/s (no sparsity).</param>
/// <param name="Fp8Tflops">Dense FP8 tensor throughput, TFLOP/s; null on chips without FP8.</param>
/// <param name="HbmGb">High-bandwidth memory, GB.</param>
/// <param name="HbmTbPerSecond">Memory bandwidth, TB/s.</param>
/// <param name="Interconnect">The scale-up link.</param>
/// <param name="InterconnectGbPerSecond">Its bandwidth per chip, GB/s, when published.</param>
/// <param name="RentalUsdPerHour">A published rental price per GPU-hour, when one was found.</param>
/// <param name="RentalSource">Where that price comes from.</param>
/// <param name="SpecSource">Where the specifications come from.</param>
/// <param name="Notes">Caveats (estimates, sparsity conventions).</param>
public sealed record Gpu(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    double Bf16Tflops,
    double? Fp8Tflops,
    double HbmGb,
    double HbmTbPerSecond,
    string Interconnect,
    double? InterconnectGbPerSecond,
    decimal? RentalUsdPerHour,
    CostSource? RentalSource,
    CostSource SpecSource,
    string Notes)
{
    /// <summary>Peak dense FLOP/s at a precision (FP8 falls back to BF16 where the chip has none).</summary>
    public double PeakFlops(Precision precision) =>
        (precision == Precision.Fp8 && Fp8Tflops is { } fp8 ? fp8 : Bf16Tflops) * 1e12;

    /// <summary>Memory bandwidth in bytes per second.</summary>
    public double BandwidthBytesPerSecond => HbmTbPerSecond * 1e12;

    /// <summary>Memory in bytes.</summary>
    public double MemoryBytes => HbmGb * 1e9;
}
