namespace Parity.Reports;

/// <summary>MoE vs dense, training cost, and list prices against serving cost.</summary>
public sealed record EfficiencySection(
    IReadOnlyList<EfficiencyRow> OpenModels,
    EfficiencyRow? BestMoe,
    EfficiencyRow? BestDense,
    IReadOnlyList<EfficiencyRow> ActiveParamsFrontier,
    IReadOnlyList<TrainingRow> Training,
    IReadOnlyList<ServingCostRow>? ServingCost = null,
    IReadOnlyList<string>? ServingCostAssumptions = null);
