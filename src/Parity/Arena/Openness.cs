namespace Parity.Arena;

/// <summary>Open or closed weights, read from the licence a leaderboard lists.</summary>
public static class Openness
{
    /// <summary>
    /// False for "Proprietary" (and its misspelling "Propretary"); null for an empty, "N/A" or
    /// "Other" licence; true for every named licence under which weights are published (Apache,
    /// MIT, Llama, Gemma, Qwen, CC-BY-NC, "Non-commercial", …).
    /// </summary>
    public static bool? FromLicense(string? license)
    {
        var l = license?.Trim().ToLowerInvariant();
        return l switch
        {
            null or "" or "n/a" or "other" or "unknown" => null,
            _ when l.StartsWith("propr", StringComparison.Ordinal) || l.StartsWith("propet", StringComparison.Ordinal) => false,
            _ => true,
        };
    }
}
