namespace Parity.Routing;

/// <summary>How a router is trained.</summary>
internal sealed record RouterTrainingOptions
{
    public RouterKind Kind { get; init; } = RouterKind.Mf;

    /// <summary>Hash slots of the prompt features.</summary>
    public int Buckets { get; init; } = 8192;

    /// <summary>Width of the MF projection (RouteLLM uses 128 over 1,536-dimension embeddings; hashed sparse features need fewer).</summary>
    public int Rank { get; init; } = 16;

    public int Epochs { get; init; } = 20;

    /// <summary>AdaGrad step size. The default (with <see cref="L2"/>) was chosen among five settings on one tuning
    /// pair of the ZeroEval GSM8K data, Llama-3.1-70B vs Llama-3.1-8B (5-fold), which no reported figure uses.</summary>
    public double LearningRate { get; init; } = 0.02;

    /// <summary>L2 penalty on the hashed n-gram weights (and the MF model vectors) a step touches; the shape features are not penalised.</summary>
    public double L2 { get; init; } = 0.1;

    public int Seed { get; init; } = 42;
}
