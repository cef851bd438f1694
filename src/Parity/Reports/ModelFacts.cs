using Parity.Claims;

namespace Parity.Reports;

/// <summary>What the catalog knows about a model that the report needs, each figure with its source.</summary>
/// <param name="Id">Catalog id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Organization">Canonical organization.</param>
/// <param name="Country">ISO country of the organization.</param>
/// <param name="OpenWeights">Whether the weights are published (the curated catalog value).</param>
/// <param name="Prices">List prices, one per source (primary first).</param>
/// <param name="Architecture">Dense/MoE and parameter counts, when published.</param>
/// <param name="Training">Training compute and cost facts.</param>
public sealed record ModelFacts(
    string Id,
    string Name,
    string? Organization,
    string? Country,
    bool? OpenWeights,
    IReadOnlyList<PricePoint> Prices,
    ArchitectureFacts? Architecture,
    IReadOnlyList<TrainingFact> Training);
