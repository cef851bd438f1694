namespace Parity.Catalog;

/// <summary>Dense transformer or mixture-of-experts.</summary>
public enum ArchitectureKind
{
    Dense,
    MixtureOfExperts,
}
