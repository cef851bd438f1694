using System.Globalization;
using System.Text.RegularExpressions;

namespace Parity.Evals;

/// <summary>Finding and comparing numbers in model answers.</summary>
internal static partial class NumberText
{
    [GeneratedRegex(@"-?\d+(?:\.\d+)?(?:/\d+)?")]
    private static partial Regex NumberPattern();

    /// <summary>Every number in the text, after removing thousands commas and currency signs.</summary>
    public static IReadOnlyList<string> All(string text)
    {
        var cleaned = Clean(text);
        return NumberPattern().Matches(cleaned).Select(m => m.Value).ToList();
    }

    /// <summary>Strips <c>$</c>, thousands commas and full-width digits.</summary>
    public static string Clean(string text)
    {
        Span<char> buffer = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        foreach (var ch in text)
        {
            if (ch is '$' or ',' or '，' or '￥' or '¥' or '€' or '£')
            {
                continue;
            }

            buffer[n++] = ch is >= '０' and <= '９' ? (char)('0' + (ch - '０')) : ch == '．' ? '.' : ch == '－' ? '-' : ch;
        }

        return new string(buffer[..n]);
    }

    /// <summary>Parses an integer, decimal or fraction (<c>2/6</c>).</summary>
    public static bool TryParse(string text, out double value)
    {
        text = Clean(text).Trim().TrimEnd('.');
        var slash = text.IndexOf('/');
        if (slash > 0 &&
            double.TryParse(text[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out var num) &&
            double.TryParse(text[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var den) && den != 0)
        {
            value = num / den;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Float-equal comparison of two numbers written as text (tolerance 1e-6, relative for large values).</summary>
    public static bool SameNumber(string answer, string gold) =>
        TryParse(answer, out var a) && TryParse(gold, out var g) && Math.Abs(a - g) <= 1e-6 * Math.Max(1, Math.Abs(g));
}
