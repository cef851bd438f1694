using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Parity.Gateway;

/// <summary>
/// Counts prompt tokens with a real tokenizer (Microsoft.ML.Tokenizers' tiktoken, MIT, with the
/// <c>o200k_base</c> and <c>cl100k_base</c> data packages), chosen per model family: exact for OpenAI's
/// families, an estimate for every other (their tokenizers are not public in this form; o200k is used).
/// <para>
/// Counts of texts from <see cref="CacheMinChars"/> to <see cref="CacheMaxTextChars"/> characters are kept per
/// encoding, keyed by the exact text (no hash, so a hit is always the right count): chat clients resend the
/// same system prompt, tool definitions and earlier turns with every request, and a hit costs a dictionary
/// lookup instead of a tokenization. The cache holds at most <see cref="CacheMaxTotalChars"/> characters of
/// text and starts empty again when full.
/// </para>
/// </summary>
public static partial class PromptTokenizer
{
    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    /// <summary>
    /// The shortest text kept: every one. Even a short message costs the tokenizer about a microsecond and a few
    /// allocations, against some tens of nanoseconds for a lookup (bench/gateway/RESULTS.md, 2026-12-07 12:30).
    /// </summary>
    internal const int CacheMinChars = 1;

    /// <summary>Texts longer than this are counted each time and never kept.</summary>
    internal const int CacheMaxTextChars = 64 * 1024;

    /// <summary>The characters of text the cache of one encoding holds before it starts empty again.</summary>
    internal const long CacheMaxTotalChars = 8L * 1024 * 1024;

    private static readonly TokenCountCache O200kCounts = new();
    private static readonly TokenCountCache Cl100kCounts = new();

    /// <summary>Whether <see cref="Count"/> uses the cache (on; the benchmark turns it off to time a miss).</summary>
    internal static bool CacheEnabled { get; set; } = true;

    /// <summary>Tokens of <paramref name="text"/> in <paramref name="encoding"/> (no special tokens).</summary>
    public static int Count(TokenEncoding encoding, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        var (tokenizer, cache) = encoding == TokenEncoding.Cl100k ? (Cl100k.Value, Cl100kCounts) : (O200k.Value, O200kCounts);
        if (!CacheEnabled || text.Length < CacheMinChars || text.Length > CacheMaxTextChars)
        {
            return tokenizer.CountTokens(text);
        }

        if (cache.TryGet(text, out var cached))
        {
            return cached;
        }

        var count = tokenizer.CountTokens(text);
        cache.Add(text, count, CacheMaxTotalChars);
        return count;
    }

    /// <summary>
    /// The encoding of a model by its names (upstream name, catalog id, gateway name; a <c>vendor/</c> prefix is
    /// ignored): o200k for GPT-4o, GPT-4.1, GPT-4.5, GPT-5, gpt-oss and o1/o3/o4; cl100k for GPT-4 and GPT-3.5;
    /// otherwise o200k as an estimate (<c>Known</c> false). <paramref name="configured"/> (<c>o200k</c> or
    /// <c>cl100k</c>, the config's <c>tokenizer</c>) wins; an unknown value is an error naming it.
    /// </summary>
    public static (TokenEncoding Encoding, bool Known) ForModel(string? configured, params string?[] names)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim().ToLowerInvariant() switch
            {
                "o200k" or "o200k_base" => (TokenEncoding.O200k, true),
                "cl100k" or "cl100k_base" => (TokenEncoding.Cl100k, true),
                _ => throw new ParityException($"'{configured}' is not a tokenizer (o200k, cl100k)."),
            };
        }

        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var bare = name.Trim().ToLowerInvariant();
            bare = bare[(bare.LastIndexOf('/') + 1)..];
            if (O200kFamily().IsMatch(bare))
            {
                return (TokenEncoding.O200k, true);
            }

            if (Cl100kFamily().IsMatch(bare))
            {
                return (TokenEncoding.Cl100k, true);
            }
        }

        return (TokenEncoding.O200k, false);
    }

    [GeneratedRegex(@"^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o1|o3|o4)(\b|-|$)")]
    private static partial Regex O200kFamily();

    [GeneratedRegex(@"^(gpt-4|gpt-3\.5|gpt-35)(\b|-|$)")]
    private static partial Regex Cl100kFamily();
}
