namespace Parity.Catalog;

/// <summary>How a model was trained, as Epoch AI records it (CC-BY 4.0). Every figure is Epoch's; notes quote Epoch's notes.</summary>
/// <param name="EpochName">The model's name in Epoch's table.</param>
/// <param name="Parameters">Total parameters.</param>
/// <param name="TrainingComputeFlop">Training compute in FLOP.</param>
/// <param name="DatasetTokens">Training dataset size (Epoch's unit: tokens for language models).</param>
/// <param name="Hardware">Training accelerator, e.g. "NVIDIA H800 SXM5".</param>
/// <param name="HardwareQuantity">Number of accelerators.</param>
/// <param name="TrainingHours">Wall-clock training time in hours.</param>
/// <param name="TrainingTimeNotes">Epoch's notes on training time (e.g. GPU-hours the makers reported).</param>
/// <param name="CostUsd2023">Training compute cost in 2023 US dollars.</param>
/// <param name="CostNotes">Epoch's notes on the cost.</param>
/// <param name="Confidence">Epoch's confidence in the compute estimate.</param>
/// <param name="Source">Epoch AI, the file date and the model's reference link.</param>
public sealed record TrainingFacts(
    string EpochName,
    decimal? Parameters,
    decimal? TrainingComputeFlop,
    decimal? DatasetTokens,
    string? Hardware,
    decimal? HardwareQuantity,
    decimal? TrainingHours,
    string? TrainingTimeNotes,
    decimal? CostUsd2023,
    string? CostNotes,
    string? Confidence,
    FactSource Source);
