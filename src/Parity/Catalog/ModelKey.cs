using System.Text.RegularExpressions;

namespace Parity.Catalog;

/// <summary>
/// How model names are compared: case, spaces, dots, dashes and underscores do not distinguish
/// models ("Claude Opus 4.5" = "claude-opus-4-5"). Provider prefixes ("deepseek/") and date suffixes
/// ("-20250514", "-2025-08-07", " (Mar 2025)") are stripped only as a fallback.
/// </summary>
internal static partial class ModelKey
{
    public static string Normalize(string name)
    {
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var n = 0;
        var pendingDash = false;
        foreach (var c in name.Trim())
        {
            if (c is '-' or '_' or '.' or ' ' or '\t')
            {
                pendingDash = n > 0;
                continue;
            }

            if (pendingDash)
            {
                buffer[n++] = '-';
                pendingDash = false;
            }

            buffer[n++] = char.ToLowerInvariant(c);
        }

        return new string(buffer[..n]);
    }

    /// <summary>The name without what precedes its last '/', or null when it has none.</summary>
    public static string? WithoutPrefix(string name)
    {
        var slash = name.LastIndexOf('/');
        return slash >= 0 && slash < name.Length - 1 ? name[(slash + 1)..] : null;
    }

    /// <summary>The normalized key without a trailing date, or null when there is none.</summary>
    public static string? WithoutDate(string name)
    {
        var trimmed = ParenthesisedDate().Replace(name.Trim(), "");
        var key = Normalize(trimmed);
        var stripped = DateSuffix().Replace(key, "");
        return stripped.Length > 0 && stripped != Normalize(name) ? stripped : null;
    }

    [GeneratedRegex(@"\s*\((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}\)$", RegexOptions.IgnoreCase)]
    private static partial Regex ParenthesisedDate();

    [GeneratedRegex(@"-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$")]
    private static partial Regex DateSuffix();
}
