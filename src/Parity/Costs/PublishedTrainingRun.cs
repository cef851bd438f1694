namespace Parity.Costs;

/// <summary>A training run whose makers published its GPU-hours (<c>data/cost/training_runs.csv</c>).</summary>
/// <param name="ModelId">The catalog id.</param>
/// <param name="GpuId">The accelerator it ran on.</param>
/// <param name="GpuHours">Total GPU-hours published.</param>
/// <param name="Stages">The published breakdown, stage name and GPU-hours.</param>
/// <param name="TrainingTokens">Training tokens published.</param>
/// <param name="ActiveParamsB">Parameters active per token, billions.</param>
/// <param name="Source">The publication.</param>
/// <param name="Notes">What the makers say the figure covers.</param>
public sealed record PublishedTrainingRun(
    string ModelId,
    string GpuId,
    decimal GpuHours,
    IReadOnlyList<(string Stage, decimal GpuHours)> Stages,
    double TrainingTokens,
    double ActiveParamsB,
    CostSource Source,
    string Notes);
