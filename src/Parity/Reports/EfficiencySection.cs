namespace Parity.Reports;

/// <summary>MoE vs dense and training cost.</summary>
public sealed record EfficiencySection(
    IReadOnlyList<EfficiencyRow> OpenModels,
    EfficiencyRow? BestMoe,
    EfficiencyRow? BestDense,
    IReadOnlyList<EfficiencyRow> ActiveParamsFrontier,
    IReadOnlyList<TrainingRow> Training);
