namespace Parity.Server.Gateway;

/// <summary>Token counts of one response: from the provider's <c>usage</c> object, or estimated by counting characters.</summary>
internal struct UsageCounts
{
    public long Input;
    public long Output;
    public long Cached;
    public bool FromUpstream;

    /// <summary>
    /// A rough token count when the provider reports none: about four characters per token for
    /// English text (the rule of thumb OpenAI documents); marked "counted" in the ledger.
    /// </summary>
    public static long Estimate(long characters) => characters <= 0 ? 0 : (characters + 3) / 4;
}
