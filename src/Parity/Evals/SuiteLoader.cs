using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace Parity.Evals;

/// <summary>
/// Loads the shipped suites (GSM8K, MGSM in 11 languages, MMLU, CMMLU, CMATH, HumanEval, MBPP)
/// and custom JSONL suites. Each suite renders its prompts from its own template and carries the
/// scorer that reads answers the way the template asks for them.
/// </summary>
public static class SuiteLoader
{
    /// <summary>MGSM's languages and the answer prefix each is scored by (simple-evals' convention).</summary>
    public static IReadOnlyDictionary<string, string> MgsmAnswerPrefixes { get; } = new Dictionary<string, string>
    {
        ["bn"] = "উত্তর", ["de"] = "Antwort", ["en"] = "Answer", ["es"] = "Respuesta", ["fr"] = "Réponse", ["ja"] = "答え",
        ["ru"] = "Ответ", ["sw"] = "Jibu", ["te"] = "సమాధానం", ["th"] = "คำตอบ", ["zh"] = "答案",
    };

    /// <summary>The built-in suite names.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } =
        ["gsm8k", "mgsm", .. MgsmAnswerPrefixes.Keys.Select(l => "mgsm-" + l), "mmlu", "cmmlu", "cmath", "humaneval", "mbpp"];

    /// <summary>Loads a built-in suite by name, or a custom suite from a <c>.jsonl</c> path.</summary>
    public static EvalSuite Load(string nameOrPath, TimeSpan? codeTimeout = null)
    {
        var name = nameOrPath.Trim().ToLowerInvariant();
        return name switch
        {
            "gsm8k" => Gsm8k(),
            "mgsm" => Mgsm(MgsmAnswerPrefixes.Keys.ToArray()),
            _ when name.StartsWith("mgsm-", StringComparison.Ordinal) && MgsmAnswerPrefixes.ContainsKey(name[5..]) => Mgsm([name[5..]]),
            "mmlu" => Mmlu(),
            "cmmlu" => Cmmlu(),
            "cmath" => Cmath(),
            "humaneval" => HumanEval(codeTimeout),
            "mbpp" => Mbpp(codeTimeout),
            _ when nameOrPath.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || File.Exists(nameOrPath) => CustomSuite.Load(nameOrPath),
            _ => throw new ParityException($"Unknown suite '{nameOrPath}'. Built-in suites: {string.Join(", ", BuiltInNames)}; or give the path of a .jsonl file."),
        };
    }

    private static EvalSuite Gsm8k()
    {
        var template = File.ReadAllText(ShippedData.PathOf("evals/suites/gsm8k/zeroeval_prompt.txt"));
        var items = new List<EvalItem>();
        var file = ShippedData.PathOf("evals/suites/gsm8k/test.jsonl.gz");
        var row = 0;
        foreach (var (line, doc) in JsonLines(file))
        {
            using (doc)
            {
                var question = RequiredString(doc.RootElement, "question", file, line);
                var answer = RequiredString(doc.RootElement, "answer", file, line);
                var hash = answer.LastIndexOf("####", StringComparison.Ordinal);
                if (hash < 0)
                {
                    throw new ParityException($"{file}, line {line}: field 'answer' has no '####' final answer.");
                }

                var gold = answer[(hash + 4)..].Trim().Replace(",", string.Empty, StringComparison.Ordinal);
                items.Add(new EvalItem(row.ToString(CultureInfo.InvariantCulture), template.Replace("{question}", question, StringComparison.Ordinal), gold));
                row++;
            }
        }

        return new EvalSuite
        {
            Name = "gsm8k",
            Description = "GSM8K test (1,319 grade-school math problems), zero-shot with ZeroEval's prompt asking for a JSON object; scored on its \"answer\" field",
            Licence = "MIT (openai/grade-school-math); prompt template from ZeroEval (Apache-2.0)",
            Items = items,
            Scorer = new ZeroEvalJsonScorer(),
            ReplaySuite = "gsm8k",
            MaxTokens = 4096,
        };
    }

    private static EvalSuite Mgsm(IReadOnlyList<string> languages)
    {
        var items = new List<EvalItem>();
        foreach (var lang in languages)
        {
            var prefix = MgsmAnswerPrefixes[lang];
            var file = ShippedData.PathOf($"evals/suites/mgsm/mgsm_{lang}.tsv.gz");
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            var line = 0;
            while (reader.ReadLine() is { } text)
            {
                line++;
                var cols = text.Split('\t');
                if (cols.Length != 2)
                {
                    throw new ParityException($"{file}, line {line}: expected 2 tab-separated columns (question, answer), found {cols.Length}.");
                }

                var prompt =
                    "Solve this math problem. Reason step by step, then give the final answer on the last line " +
                    $"in the form \"{prefix}: <number>\", with nothing after the number.\n\n{cols[0]}";
                var fields = new Dictionary<string, string> { ["answer_prefix"] = prefix, ["language"] = lang };
                items.Add(new EvalItem($"{lang}/{line - 1}", prompt, cols[1].Replace(",", string.Empty, StringComparison.Ordinal).Trim(), fields));
            }
        }

        return new EvalSuite
        {
            Name = languages.Count == 1 ? "mgsm-" + languages[0] : "mgsm",
            Description = $"MGSM ({string.Join(", ", languages)}; 250 problems per language; mgsm-en = GSM8K rows 0–249), zero-shot CoT; the last number after the language's answer prefix",
            Licence = "CC BY 4.0 (google-research/url-nlp)",
            Items = items,
            Scorer = new AnswerPrefixNumberScorer(lenient: false),
            MaxTokens = 2048,
        };
    }

    private static EvalSuite Mmlu() => new()
    {
        Name = "mmlu",
        Description = "MMLU test (14,042 questions, 57 subjects), zero-shot with reasoning; the letter after \"Answer:\"",
        Licence = "MIT (hendrycks/test)",
        Items = ChoiceItems(ShippedData.PathOf("evals/suites/mmlu/mmlu_test.jsonl.gz"), chinese: false),
        Scorer = new ChoiceLetterScorer(),
        MaxTokens = 2048,
    };

    private static EvalSuite Cmmlu() => new()
    {
        Name = "cmmlu",
        Description = "CMMLU test (11,582 Chinese questions, 67 subjects), zero-shot; the letter after 答案",
        Licence = "CC BY-NC-SA 4.0 — NON-COMMERCIAL USE ONLY; shipped separately under data/evals/noncommercial/",
        Items = ChoiceItems(ShippedData.PathOf("evals/noncommercial/cmmlu/cmmlu_test.jsonl.gz"), chinese: true),
        Scorer = new ChoiceLetterScorer(),
        MaxTokens = 2048,
    };

    private static List<EvalItem> ChoiceItems(string file, bool chinese)
    {
        var items = new List<EvalItem>();
        foreach (var (line, doc) in JsonLines(file))
        {
            using (doc)
            {
                var root = doc.RootElement;
                var id = RequiredString(root, "id", file, line);
                var question = RequiredString(root, "question", file, line);
                var answer = RequiredString(root, "answer", file, line);
                if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() != 4)
                {
                    throw new ParityException($"{file}, line {line}: field 'choices' must be an array of 4 strings.");
                }

                var options = string.Join("\n", choices.EnumerateArray().Select((c, i) => $"{(char)('A' + i)}. {c.GetString()}"));
                string prompt;
                if (chinese)
                {
                    var subject = root.TryGetProperty("subject_zh", out var s) ? s.GetString() : null;
                    prompt = $"以下是关于{subject}的单项选择题。请先简要分析，最后一行只写“答案：X”，X 为 A、B、C、D 之一。\n\n{question}\n{options}";
                }
                else
                {
                    prompt = "Answer this multiple-choice question. Think it through, then end with a line of the form " +
                        $"\"Answer: X\", where X is A, B, C or D.\n\n{question}\n\n{options}";
                }

                items.Add(new EvalItem(id, prompt, answer));
            }
        }

        return items;
    }

    private static EvalSuite Cmath()
    {
        var file = ShippedData.PathOf("evals/suites/cmath/cmath_dev.jsonl.gz");
        var items = new List<EvalItem>();
        foreach (var (line, doc) in JsonLines(file))
        {
            using (doc)
            {
                var root = doc.RootElement;
                var input = RequiredString(root, "input", file, line);
                var golden = RequiredString(root, "golden", file, line);
                var grade = root.TryGetProperty("grade", out var g) ? g.ToString() : "?";
                var prompt = $"请解答下面的数学题。先写出推理过程，最后一行写“答案：”加上最终的数值（分数可写成 a/b）。\n\n{input}";
                var fields = new Dictionary<string, string> { ["answer_prefix"] = "答案", ["grade"] = grade };
                items.Add(new EvalItem((line - 1).ToString(CultureInfo.InvariantCulture), prompt, golden, fields));
            }
        }

        return new EvalSuite
        {
            Name = "cmath",
            Description = "CMATH dev (600 Chinese elementary-school problems, grades 1–6); the last number after 答案 (or in the answer), compared numerically",
            Licence = "CC BY 4.0 (XiaoMi/cmath)",
            Items = items,
            Scorer = new AnswerPrefixNumberScorer(lenient: true),
            MaxTokens = 2048,
        };
    }

    private static EvalSuite HumanEval(TimeSpan? timeout)
    {
        var file = ShippedData.PathOf("evals/suites/humaneval/HumanEval.jsonl.gz");
        var items = new List<EvalItem>();
        foreach (var (line, doc) in JsonLines(file))
        {
            using (doc)
            {
                var root = doc.RootElement;
                var prompt = RequiredString(root, "prompt", file, line);
                var fields = new Dictionary<string, string>
                {
                    ["entry_point"] = RequiredString(root, "entry_point", file, line),
                    ["code_prompt"] = prompt,
                };
                var message = "Complete the following Python function. Reply with the whole function in one ```python code block.\n\n```python\n" + prompt + "```";
                items.Add(new EvalItem(RequiredString(root, "task_id", file, line), message, RequiredString(root, "test", file, line), fields));
            }
        }

        return new EvalSuite
        {
            Name = "humaneval",
            Description = "HumanEval (164 Python functions); the code is run against the task's tests in a python3 sandbox; pass@k",
            Licence = "MIT (openai/human-eval)",
            Items = items,
            Scorer = new CodeExecutionScorer(new PythonSandbox(timeout ?? TimeSpan.FromSeconds(10))),
            ReplaySuite = "humaneval",
            MaxTokens = 2048,
        };
    }

    private static EvalSuite Mbpp(TimeSpan? timeout)
    {
        var file = ShippedData.PathOf("evals/suites/mbpp/sanitized-mbpp.json.gz");
        using var stream = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(stream);
        var items = new List<EvalItem>();
        var index = 0;
        foreach (var task in doc.RootElement.EnumerateArray())
        {
            index++;
            string Field(string name) => task.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()!
                : throw new ParityException($"{file}, record {index}: field '{name}' is missing or not a string.");
            var tests = task.GetProperty("test_list").EnumerateArray().Select(t => t.GetString()!).ToList();
            var imports = task.TryGetProperty("test_imports", out var ti) ? ti.EnumerateArray().Select(t => t.GetString()!).ToList() : [];
            var message = $"You are an expert Python programmer. Task: {Field("prompt")}\nYour code must pass these tests:\n\n{string.Join("\n", tests)}\n\n" +
                "Reply with the code in one ```python code block.";
            var testCode = string.Join("\n", imports.Concat(tests));
            items.Add(new EvalItem("mbpp/" + task.GetProperty("task_id").GetInt32().ToString(CultureInfo.InvariantCulture), message, testCode));
        }

        return new EvalSuite
        {
            Name = "mbpp",
            Description = "MBPP sanitized (427 Python tasks); the code is run against the task's asserts in a python3 sandbox; pass@k",
            Licence = "CC BY 4.0 (google-research mbpp)",
            Items = items,
            Scorer = new CodeExecutionScorer(new PythonSandbox(timeout ?? TimeSpan.FromSeconds(10))),
            MaxTokens = 2048,
        };
    }

    internal static IEnumerable<(int Line, JsonDocument Doc)> JsonLines(string file)
    {
        Stream stream = File.OpenRead(file);
        if (file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        using var reader = new StreamReader(stream);
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(text);
            }
            catch (JsonException ex)
            {
                throw new ParityException($"{file}, line {line}: not valid JSON: {ex.Message}", ex);
            }

            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new ParityException($"{file}, line {line}: each line must be a JSON object.");
            }

            yield return (line, doc);
        }
    }

    internal static string RequiredString(JsonElement root, string name, string file, int line) =>
        root.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? (v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())
            : throw new ParityException($"{file}, line {line}: field '{name}' is missing or not a string.");
}
