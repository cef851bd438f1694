using System.Text.Json.Nodes;

namespace Parity.Server.Gateway;

/// <summary>Token counts of one response: from the provider's <c>usage</c> object, or estimated by counting characters.</summary>
internal struct UsageCounts
{
    public long Input;
    public long Output;
    public long Cached;
    public bool FromUpstream;

    /// <summary>Reads an OpenAI-style usage object (also DeepSeek's <c>prompt_cache_hit_tokens</c>).</summary>
    public static bool TryRead(JsonNode? usage, out UsageCounts counts)
    {
        counts = default;
        if (usage is not JsonObject u)
        {
            return false;
        }

        counts.Input = Long(u["prompt_tokens"]);
        counts.Output = Long(u["completion_tokens"]);
        counts.Cached = u["prompt_tokens_details"] is JsonObject details ? Long(details["cached_tokens"]) : 0;
        if (counts.Cached == 0)
        {
            counts.Cached = Long(u["prompt_cache_hit_tokens"]);
        }

        counts.FromUpstream = true;
        return true;
    }

    /// <summary>
    /// A rough token count when the provider reports none: about four characters per token for
    /// English text (the rule of thumb OpenAI documents); marked "counted" in the ledger.
    /// </summary>
    public static long Estimate(long characters) => characters <= 0 ? 0 : (characters + 3) / 4;

    private static long Long(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<long>(out var l) ? l : node is JsonValue d && d.TryGetValue<double>(out var x) ? (long)x : 0;
}
