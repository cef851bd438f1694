using System.Text.RegularExpressions;

namespace Parity.Evals;

/// <summary>
/// Scores generated code by running the suite's tests on it in <see cref="PythonSandbox"/>:
/// HumanEval (the prompt, the completion, the <c>check</c> function, then <c>check(entry_point)</c>)
/// and MBPP (the code, the test imports, then the asserts). The code is the first fenced
/// <c>```python</c> block when the answer has one, else the whole answer.
/// </summary>
internal sealed partial class CodeExecutionScorer(PythonSandbox sandbox) : IScorer
{
    public string Name => "python-tests";

    [GeneratedRegex(@"```(?:python|py|Python|python3)?[ \t]*\r?\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fenced();

    public async ValueTask<ItemScore> ScoreAsync(EvalItem item, string completion, CancellationToken cancellationToken)
    {
        var program = Program(item, completion);
        var (passed, detail) = await sandbox.RunAsync(program, cancellationToken);
        return new ItemScore(passed ? 1 : 0, detail);
    }

    internal static string ExtractCode(string completion)
    {
        var match = Fenced().Match(completion);
        return match.Success ? match.Groups[1].Value : completion;
    }

    internal static string Program(EvalItem item, string completion)
    {
        var code = ExtractCode(completion).Replace("\r\n", "\n", StringComparison.Ordinal);
        var entryPoint = item.Field("entry_point");
        if (entryPoint is not null)
        {
            // HumanEval: keep the prompt (its imports and helpers); the completion may be a body or a whole function.
            var prompt = item.Field("code_prompt") ?? string.Empty;
            var body = Regex.IsMatch(code, @"^\s*def\s+" + Regex.Escape(entryPoint) + @"\s*\(", RegexOptions.Multiline)
                ? prompt + "\n    pass\n\n" + code
                : prompt + code;
            return body + "\n\n" + item.Reference + "\n\ncheck(" + entryPoint + ")\n";
        }

        return code + "\n\n" + item.Reference + "\n";
    }
}
