namespace Parity.Arena;

/// <summary>How 95% intervals are computed.</summary>
public enum IntervalMethod
{
    /// <summary>Percentiles 2.5/97.5 over bootstrap refits (LMArena 2023–mid 2025).</summary>
    Bootstrap,

    /// <summary>The closed-form sandwich estimate H⁻¹GH⁻¹ (LMArena's default since July 2025); Bradley–Terry only.</summary>
    Sandwich,

    /// <summary>No intervals (bootstrap rounds 0).</summary>
    None,
}
