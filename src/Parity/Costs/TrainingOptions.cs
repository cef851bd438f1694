namespace Parity.Costs;

/// <summary>The user's assumptions for a training estimate; nulls take the published run's or the defaults.</summary>
/// <param name="Gpu">Accelerator id; default: the published run's, else H100.</param>
/// <param name="Mfu">Model FLOPs utilisation, 0–1 (default 0.35).</param>
/// <param name="MfuBand">Half-width of the MFU range shown (default 0.10).</param>
/// <param name="PricePerGpuHour">Rental price; default: the hardware table's.</param>
/// <param name="Gpus">Cluster size for "days on N GPUs" (default 2,048).</param>
/// <param name="Precision">The peak the MFU refers to (default BF16, the usual convention).</param>
public sealed record TrainingOptions(string? Gpu = null, double Mfu = 0.35, double MfuBand = 0.10, decimal? PricePerGpuHour = null, int Gpus = 2048, Precision Precision = Precision.Bf16)
{
    internal void Validate()
    {
        if (!(Mfu > 0 && Mfu <= 1))
        {
            throw new ParityException($"--mfu: {Mfu} is outside (0, 1]; MFU is a fraction of peak, e.g. 0.35.");
        }

        if (!(MfuBand >= 0 && MfuBand < Mfu))
        {
            throw new ParityException($"--mfu-band: {MfuBand} must be at least 0 and below --mfu ({Mfu}).");
        }

        if (PricePerGpuHour is < 0)
        {
            throw new ParityException($"--price: {PricePerGpuHour} is negative.");
        }

        if (Gpus <= 0)
        {
            throw new ParityException($"--gpus: {Gpus} must be a positive number of GPUs.");
        }
    }
}
