using System.Text.RegularExpressions;
using Parity.Providers;

namespace Parity.Evals;

/// <summary>
/// The LLM-as-judge prompt for pairwise battles and the reading of its verdict (<c>[[A]]</c>,
/// <c>[[B]]</c> or <c>[[C]]</c> for a tie on the last line).
/// </summary>
public static partial class PairwiseJudge
{
    private const string Instructions =
        "You are an impartial judge. Two AI assistants answered the same user question. Decide which answer serves the user better, " +
        "weighing correctness first, then helpfulness, relevance, depth and clarity. The order in which the answers are shown and their " +
        "length must not influence you. Explain your reasoning in a few sentences, then give your verdict on the last line in exactly " +
        "this form: [[A]] if assistant A's answer is better, [[B]] if assistant B's answer is better, or [[C]] if they are equally good.";

    [GeneratedRegex(@"\[\[\s*([ABC])\s*\]\]")]
    private static partial Regex Verdict();

    /// <summary>The judge's messages, with <paramref name="first"/> shown as assistant A.</summary>
    public static IReadOnlyList<ChatMessage> Messages(string question, string first, string second) =>
    [
        ChatMessage.System(Instructions),
        ChatMessage.User(
            $"[User question]\n{question}\n\n[The start of assistant A's answer]\n{first}\n[The end of assistant A's answer]\n\n" +
            $"[The start of assistant B's answer]\n{second}\n[The end of assistant B's answer]"),
    ];

    /// <summary>The last verdict tag in the judge's reply.</summary>
    public static JudgeVerdict Read(string reply)
    {
        var matches = Verdict().Matches(reply);
        if (matches.Count == 0)
        {
            return JudgeVerdict.None;
        }

        return matches[^1].Groups[1].Value switch
        {
            "A" => JudgeVerdict.First,
            "B" => JudgeVerdict.Second,
            _ => JudgeVerdict.Tie,
        };
    }

    /// <summary>
    /// Combines the two orders into an arena winner label: <c>model_a</c> or <c>model_b</c> when both
    /// orders agree, <c>tie</c> when they disagree or both say tie (position bias cancels), null when
    /// either verdict is missing.
    /// </summary>
    public static string? Combine(JudgeVerdict aShownFirst, JudgeVerdict bShownFirst)
    {
        if (aShownFirst == JudgeVerdict.None || bShownFirst == JudgeVerdict.None)
        {
            return null;
        }

        var first = aShownFirst switch { JudgeVerdict.First => "model_a", JudgeVerdict.Second => "model_b", _ => "tie" };
        var second = bShownFirst switch { JudgeVerdict.First => "model_b", JudgeVerdict.Second => "model_a", _ => "tie" };
        return first == second ? first : "tie";
    }
}
