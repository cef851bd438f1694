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

    /// <summary>AdaGrad step size.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>L2 penalty on the weights a step touches.</summary>
    public double L2 { get; init; } = 1e-4;

    public int Seed { get; init; } = 42;
}
