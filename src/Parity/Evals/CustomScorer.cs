namespace Parity.Evals;

/// <summary>
/// Scorers a custom JSONL suite can name per row: <c>exact</c> (trimmed, case-insensitive),
/// <c>contains</c>, <c>number</c> (last number in the answer), <c>answer-number</c> (last number
/// after "Answer:"), <c>choice</c> (a letter), <c>json-answer</c> (ZeroEval's JSON answer field).
/// </summary>
internal sealed class CustomScorer : IScorer
{
    public static readonly string[] Kinds = ["exact", "contains", "number", "answer-number", "choice", "json-answer"];

    public string Name => "custom";

    public async ValueTask<ItemScore> ScoreAsync(EvalItem item, string completion, CancellationToken cancellationToken)
    {
        var kind = item.Field("scorer") ?? "exact";
        switch (kind)
        {
            case "exact":
                var trimmed = completion.Trim();
                return ItemScore.Of(string.Equals(trimmed, item.Reference.Trim(), StringComparison.OrdinalIgnoreCase), trimmed);
            case "contains":
                return ItemScore.Of(completion.Contains(item.Reference.Trim(), StringComparison.OrdinalIgnoreCase), null);
            case "number":
                return AnswerPrefixNumberScorer.Score(completion, item.Reference, "\u0000", lenient: true);
            case "answer-number":
                return AnswerPrefixNumberScorer.Score(completion, item.Reference, "Answer", lenient: false);
            case "choice":
                return await new ChoiceLetterScorer().ScoreAsync(item, completion, cancellationToken);
            case "json-answer":
                return ZeroEvalJsonScorer.Score(completion, item.Reference);
            default:
                throw new ParityException($"Unknown scorer '{kind}' for item '{item.Id}'; use one of: {string.Join(", ", Kinds)}.");
        }
    }
}
