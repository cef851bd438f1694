namespace Parity.Claims;

/// <summary>What the data say about a claim.</summary>
public enum ClaimVerdict
{
    /// <summary>The data support the claim with probability at least <see cref="ClaimThresholds.Confirm"/>.</summary>
    Confirmed,

    /// <summary>The data contradict the claim: probability at most <see cref="ClaimThresholds.Refute"/>.</summary>
    Refuted,

    /// <summary>The data cannot decide: either Parity has no data on it, or the probability is in between.</summary>
    Unconfirmed,
}
