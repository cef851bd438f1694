namespace Parity.Gateway;

/// <summary>What <c>parity usage</c> groups the ledger by.</summary>
public enum UsageGrouping
{
    Model,

    /// <summary>Country of origin and openness, e.g. "CN open".</summary>
    Origin,
    Vendor,
    Key,
    Route,
}
