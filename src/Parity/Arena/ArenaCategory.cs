namespace Parity.Arena;

/// <summary>The LMArena categories a battle log can be filtered to.</summary>
public static class ArenaCategory
{
    /// <summary>The category names <c>--category</c> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["full", "english", "chinese", "coding", "hard_6", "math", "if", "creative_writing", "no_refusal", "no_tie"];

    internal static string Normalize(string? name)
    {
        var n = (name ?? "full").Trim().ToLowerInvariant().Replace('-', '_');
        return Names.Contains(n)
            ? n
            : throw new ParityException($"unknown category '{name}'; expected one of {string.Join(", ", Names)}.");
    }
}
