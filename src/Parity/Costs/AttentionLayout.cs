namespace Parity.Costs;

/// <summary>A model's attention layout from its published config (<c>data/cost/attention.csv</c>).</summary>
/// <param name="ModelId">The catalog id.</param>
/// <param name="Layers">Transformer layers.</param>
/// <param name="Kind">MHA, GQA or MLA.</param>
/// <param name="KvHeads">Key/value heads (MHA, GQA).</param>
/// <param name="HeadDim">Dimension per head (MHA, GQA).</param>
/// <param name="LatentDim">Compressed KV latent width (MLA's kv_lora_rank).</param>
/// <param name="RopeDim">Decoupled RoPE key width (MLA's qk_rope_head_dim).</param>
/// <param name="Source">The config file it was read from.</param>
/// <param name="Notes">What is simplified (sliding windows, sparse attention).</param>
public sealed record AttentionLayout(string ModelId, int Layers, AttentionKind Kind, int? KvHeads, int? HeadDim, int? LatentDim, int? RopeDim, CostSource Source, string Notes)
{
    /// <summary>Cached values per token across all layers: layers × 2 × KV heads × head dim, or layers × (latent + RoPE) for MLA.</summary>
    public double ValuesPerToken => Kind == AttentionKind.Mla
        ? Layers * (double)(LatentDim!.Value + RopeDim!.Value)
        : Layers * 2.0 * KvHeads!.Value * HeadDim!.Value;

    /// <summary>The formula of <see cref="ValuesPerToken"/> with this model's numbers.</summary>
    public string Formula => Kind == AttentionKind.Mla
        ? $"{Layers} layers × ({LatentDim} latent + {RopeDim} RoPE) = {ValuesPerToken:N0} values per token"
        : $"{Layers} layers × 2 (K, V) × {KvHeads} KV heads × {HeadDim} head dim = {ValuesPerToken:N0} values per token";

    internal static AttentionLayout FromRow(CostCsv.Row row)
    {
        var kindText = row.Text("attention");
        var kind = kindText.ToLowerInvariant() switch
        {
            "mha" => AttentionKind.Mha,
            "gqa" => AttentionKind.Gqa,
            "mla" => AttentionKind.Mla,
            _ => throw row.Error("attention", $"'{kindText}' is not mha, gqa or mla"),
        };
        int? Int(string column) => row.NullableNumber(column) is { } n ? (int)n : null;
        var layout = new AttentionLayout(
            row.Text("model_id"),
            (int)row.Number("layers"),
            kind,
            Int("kv_heads"),
            Int("head_dim"),
            Int("latent_dim"),
            Int("rope_dim"),
            new CostSource("model config", row.NullableText("source_url"), null),
            row.NullableText("notes") ?? "");
        var missing = kind == AttentionKind.Mla
            ? (layout.LatentDim is null ? "latent_dim" : layout.RopeDim is null ? "rope_dim" : null)
            : (layout.KvHeads is null ? "kv_heads" : layout.HeadDim is null ? "head_dim" : null);
        return missing is null ? layout : throw row.Error(missing, $"is needed for {kindText} attention");
    }
}
