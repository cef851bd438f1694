namespace Parity.Costs;

/// <summary>List prices, USD per million tokens, that a scenario's revenue is computed at.</summary>
public sealed class ScenarioPrices
{
    /// <summary>Input tokens served from the cache.</summary>
    public decimal InputCacheHit { get; set; }

    /// <summary>Input tokens that miss the cache.</summary>
    public decimal InputCacheMiss { get; set; }

    /// <summary>Output tokens.</summary>
    public decimal Output { get; set; }
}
