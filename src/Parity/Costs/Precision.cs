namespace Parity.Costs;

/// <summary>The number format of the matrix multiplications, which sets the peak FLOP/s used.</summary>
public enum Precision
{
    /// <summary>BF16 (or FP16): the usual reference for MFU.</summary>
    Bf16,

    /// <summary>FP8, on chips with FP8 tensor cores; elsewhere it runs at the BF16 rate.</summary>
    Fp8,
}
