namespace Parity.Catalog;

/// <summary>A model's architecture as its makers published it.</summary>
/// <param name="Kind">Dense or mixture-of-experts; null when not published.</param>
/// <param name="TotalParamsB">Total parameters in billions; null when not published.</param>
/// <param name="ActiveParamsB">Parameters active per token in billions (equal to total for dense models); null when not published.</param>
/// <param name="Experts">Expert layout in the makers' words, e.g. "128 experts; 8 active".</param>
/// <param name="Notes">What the source says, or why a figure is missing.</param>
public sealed record Architecture(ArchitectureKind? Kind, decimal? TotalParamsB, decimal? ActiveParamsB, string? Experts, string? Notes)
{
    /// <summary>"MoE 671B/37B", "dense 70B" or "not published".</summary>
    public string Summary => Kind switch
    {
        ArchitectureKind.MixtureOfExperts when TotalParamsB is not null => $"MoE {TotalParamsB:0.##}B/{ActiveParamsB:0.##}B",
        ArchitectureKind.MixtureOfExperts => "MoE",
        ArchitectureKind.Dense when TotalParamsB is not null => $"dense {TotalParamsB:0.##}B",
        ArchitectureKind.Dense => "dense",
        _ => "not published",
    };
}
