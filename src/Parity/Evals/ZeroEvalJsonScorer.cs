using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Parity.Evals;

/// <summary>
/// Scores answers to ZeroEval's GSM8K prompt, which asks for a JSON object with
/// <c>reasoning</c> and <c>answer</c> fields: the first JSON object in the output that parses gives
/// <c>answer</c> (a regex on <c>"answer":</c> is the fallback for broken JSON); <c>$</c> and commas
/// are stripped and the first number is compared, float-equal, with the gold number.
/// </summary>
internal sealed partial class ZeroEvalJsonScorer : IScorer
{
    public string Name => "zeroeval-json";

    [GeneratedRegex("\"answer\"\\s*:\\s*\"?([^\"\\n}]*)", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerField();

    public ValueTask<ItemScore> ScoreAsync(EvalItem item, string completion, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Score(completion, item.Reference));

    internal static ItemScore Score(string completion, string gold)
    {
        var answer = ExtractAnswer(completion);
        if (answer is null)
        {
            return ItemScore.Wrong(null);
        }

        var numbers = NumberText.All(answer);
        if (numbers.Count == 0)
        {
            return ItemScore.Wrong(answer);
        }

        return ItemScore.Of(NumberText.SameNumber(numbers[0], gold), numbers[0]);
    }

    /// <summary>The <c>answer</c> field's text, or null when the output has none.</summary>
    internal static string? ExtractAnswer(string output)
    {
        var bytes = Encoding.UTF8.GetBytes(output);
        var options = new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
        for (var start = Array.IndexOf(bytes, (byte)'{'); start >= 0; start = Array.IndexOf(bytes, (byte)'{', start + 1))
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(start), options);
            JsonDocument? doc;
            try
            {
                if (!JsonDocument.TryParseValue(ref reader, out doc))
                {
                    continue;
                }
            }
            catch (JsonException)
            {
                continue;
            }

            using (doc)
            {
                if (doc.RootElement.TryGetProperty("answer", out var answer))
                {
                    return answer.ValueKind switch
                    {
                        JsonValueKind.String => answer.GetString(),
                        JsonValueKind.Number => answer.GetRawText(),
                        JsonValueKind.Null => null,
                        _ => answer.GetRawText(),
                    };
                }

                break; // the first object that parses decides; without an answer field, fall back to the regex
            }
        }

        var match = AnswerField().Match(output);
        return match.Success ? match.Groups[1].Value : null;
    }
}
