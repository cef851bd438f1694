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

    /// <summary>A learned route's decisions: the route and the model its router chose, and which model served when the other took over (e.g. "smart: chose gpt-5, served by deepseek-chat").</summary>
    Decision,
}
