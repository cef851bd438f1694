namespace Parity.Evals;

/// <summary>
/// Scores math answers that end with an answer line (<c>Answer: 42</c>, <c>答案：42</c>, …): the last
/// number after the last answer prefix, compared numerically with the reference (MGSM's convention).
/// The item's <c>answer_prefix</c> field gives the language's prefix; English <c>Answer</c> is
/// accepted too. With <paramref name="lenient"/>, an answer without any prefix falls back to the
/// last number in the whole completion.
/// </summary>
internal sealed class AnswerPrefixNumberScorer(bool lenient) : IScorer
{
    public string Name => lenient ? "last-number" : "answer-prefix-number";

    public ValueTask<ItemScore> ScoreAsync(EvalItem item, string completion, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Score(completion, item.Reference, item.Field("answer_prefix") ?? "Answer", lenient));

    internal static ItemScore Score(string completion, string reference, string prefix, bool lenient)
    {
        var tail = AfterLastPrefix(completion, prefix) ?? AfterLastPrefix(completion, "Answer");
        if (tail is null)
        {
            if (!lenient)
            {
                return ItemScore.Wrong(null);
            }

            tail = completion;
        }

        var numbers = NumberText.All(tail);
        if (numbers.Count == 0)
        {
            return ItemScore.Wrong(null);
        }

        var last = numbers[^1];
        return ItemScore.Of(NumberText.SameNumber(last, reference), last);
    }

    private static string? AfterLastPrefix(string text, string prefix)
    {
        var at = text.LastIndexOf(prefix, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : text[(at + prefix.Length)..];
    }
}
