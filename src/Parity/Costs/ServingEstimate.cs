namespace Parity.Costs;

/// <summary>A roofline estimate of what one model costs to serve on given hardware.</summary>
public sealed record ServingEstimate
{
    /// <summary>The catalog id.</summary>
    public required string Model { get; init; }

    /// <summary>The accelerator.</summary>
    public required string Gpu { get; init; }

    /// <summary>GPUs per node.</summary>
    public required int GpusPerNode { get; init; }

    /// <summary>Rental price per GPU-hour and its source.</summary>
    public required decimal PricePerGpuHour { get; init; }

    /// <summary>Where the price comes from.</summary>
    public required string PriceSource { get; init; }

    /// <summary>Total and active parameters (billions), and where they come from.</summary>
    public required double TotalParamsB { get; init; }

    /// <summary>Parameters active per token, billions.</summary>
    public required double ActiveParamsB { get; init; }

    /// <summary>KV cache bytes per token, and the formula.</summary>
    public required double KvBytesPerToken { get; init; }

    /// <summary>The KV formula with the model's numbers.</summary>
    public required string KvFormula { get; init; }

    /// <summary>Nodes that share one copy of the weights in decode.</summary>
    public required int UnitNodes { get; init; }

    /// <summary>Sequences decoded per GPU per step.</summary>
    public required int BatchPerGpu { get; init; }

    /// <summary>What limits the batch: memory or the per-sequence speed target.</summary>
    public required string BatchLimit { get; init; }

    /// <summary>Decode step time, seconds, and what bounds it (memory or compute).</summary>
    public required double StepSeconds { get; init; }

    /// <summary>"memory" or "compute".</summary>
    public required string DecodeBound { get; init; }

    /// <summary>Prefill tokens per second per node (computed tokens, not cache hits).</summary>
    public required double PrefillTokensPerSecondPerNode { get; init; }

    /// <summary>Decode (output) tokens per second per node.</summary>
    public required double DecodeTokensPerSecondPerNode { get; init; }

    /// <summary>USD per million input tokens that miss the cache (prefill), central and range.</summary>
    public required CostRange InputUsdPerMtok { get; init; }

    /// <summary>USD per million output tokens (decode), central and range.</summary>
    public required CostRange OutputUsdPerMtok { get; init; }

    /// <summary>USD per million tokens at 3 input : 1 output, central and range.</summary>
    public required CostRange BlendedUsdPerMtok { get; init; }

    /// <summary>Formulas, with this model's numbers.</summary>
    public required IReadOnlyList<string> Formulas { get; init; }

    /// <summary>Every assumption, in words.</summary>
    public required IReadOnlyList<string> Assumptions { get; init; }

    /// <summary>A cost with its range over the assumptions (low = optimistic efficiency and short contexts).</summary>
    public sealed record CostRange(decimal Central, decimal Low, decimal High);
}
