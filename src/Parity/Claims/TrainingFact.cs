namespace Parity.Claims;

/// <summary>What is known about a model's training run.</summary>
/// <param name="Model">Model id or name.</param>
/// <param name="ComputeFlop">Training compute, FLOP.</param>
/// <param name="GpuHours">Accelerator hours of the final run.</param>
/// <param name="Hardware">The accelerator, e.g. "NVIDIA H800".</param>
/// <param name="CostUsd">Estimated cost of the final training run in USD.</param>
/// <param name="CostLow">Lower end of the cost estimate when the source gives one.</param>
/// <param name="CostHigh">Upper end of the cost estimate when the source gives one.</param>
/// <param name="Source">The file and row the facts come from.</param>
/// <param name="Date">The date of that data.</param>
/// <param name="Notes">What the figure covers.</param>
public sealed record TrainingFact(
    string Model,
    double? ComputeFlop,
    double? GpuHours,
    string? Hardware,
    double? CostUsd,
    double? CostLow,
    double? CostHigh,
    string Source,
    string? Date,
    string? Notes);
