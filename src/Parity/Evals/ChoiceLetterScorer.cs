using System.Text.RegularExpressions;

namespace Parity.Evals;

/// <summary>
/// Scores multiple-choice answers (MMLU, CMMLU): reads the chosen letter tolerantly —
/// <c>Answer: X</c>, <c>Answer: (X)</c>, Chinese prefixes (<c>答案：X</c>, <c>答案是X</c>, <c>选X</c>),
/// full-width letters, or a reply that is just the letter — and compares it with the reference letter.
/// </summary>
internal sealed partial class ChoiceLetterScorer : IScorer
{
    public string Name => "choice-letter";

    [GeneratedRegex(@"(?:answer|答案|正确答案|最终答案|答)\s*(?:is|是|为|應為|应为|选|選)?\s*[:：]?\s*(?:option|选项|選項)?\s*[\(（\[【*]*\s*([A-J])(?![A-Za-z])", RegexOptions.IgnoreCase)]
    private static partial Regex Prefixed();

    [GeneratedRegex(@"(?:选|選|choose|option)\s*[\(（]?([A-J])(?![A-Za-z])", RegexOptions.IgnoreCase)]
    private static partial Regex Chose();

    [GeneratedRegex(@"^\W*([A-J])(?:\W|$)")]
    private static partial Regex Leading();

    public ValueTask<ItemScore> ScoreAsync(EvalItem item, string completion, CancellationToken cancellationToken)
    {
        var letter = Extract(completion);
        return ValueTask.FromResult(ItemScore.Of(letter is not null && string.Equals(letter, item.Reference.Trim(), StringComparison.OrdinalIgnoreCase), letter));
    }

    internal static string? Extract(string completion)
    {
        var text = Normalize(completion);
        var prefixed = Prefixed().Matches(text);
        if (prefixed.Count > 0)
        {
            return prefixed[^1].Groups[1].Value.ToUpperInvariant();
        }

        var chose = Chose().Matches(text);
        if (chose.Count > 0)
        {
            return chose[^1].Groups[1].Value.ToUpperInvariant();
        }

        var leading = Leading().Match(text.Trim());
        return leading.Success && text.Trim().Length <= 40 ? leading.Groups[1].Value : null;
    }

    private static string Normalize(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is >= 'Ａ' and <= 'Ｚ')
            {
                chars[i] = (char)('A' + (c - 'Ａ'));
            }
            else if (c is >= 'ａ' and <= 'ｚ')
            {
                chars[i] = (char)('a' + (c - 'ａ'));
            }
            else if (c == '：')
            {
                chars[i] = ':';
            }
        }

        return new string(chars).Replace("**", string.Empty, StringComparison.Ordinal);
    }
}
