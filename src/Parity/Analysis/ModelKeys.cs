namespace Parity.Analysis;

/// <summary>Compares model keys the way the sources spell them differently ("Gemini-2.5-Pro", "gemini-2.5-pro").</summary>
internal static class ModelKeys
{
    public static string Normalize(string key)
    {
        Span<char> buffer = stackalloc char[key.Length];
        var n = 0;
        foreach (var c in key)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }

    /// <summary>True when <paramref name="key"/> matches <paramref name="pattern"/>; a trailing <c>*</c> matches any suffix.</summary>
    public static bool Matches(string key, string pattern)
    {
        if (pattern.EndsWith('*'))
        {
            return Normalize(key).StartsWith(Normalize(pattern[..^1]), StringComparison.Ordinal);
        }

        return Normalize(key) == Normalize(pattern);
    }
}
