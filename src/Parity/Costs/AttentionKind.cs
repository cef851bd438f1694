namespace Parity.Costs;

/// <summary>How a model's attention caches keys and values, which sets the KV cache per token.</summary>
public enum AttentionKind
{
    /// <summary>Multi-head attention: a key and a value per head and layer.</summary>
    Mha,

    /// <summary>Grouped-query attention: a key and a value per KV head and layer.</summary>
    Gqa,

    /// <summary>Multi-head latent attention (DeepSeek): one compressed latent plus a RoPE key per layer.</summary>
    Mla,
}
