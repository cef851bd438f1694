using System.Text.Json;

namespace Parity.Evals;

/// <summary>
/// A user's own suite: a JSONL file, one object per line with <c>prompt</c> and <c>reference</c>
/// (required), <c>id</c> (defaults to the line number) and <c>scorer</c> (one of
/// <see cref="CustomScorer.Kinds"/>, default <c>exact</c>). A bad row fails the whole load with
/// the file, line and field.
/// </summary>
public static class CustomSuite
{
    public static EvalSuite Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ParityException($"Suite file '{path}' does not exist.");
        }

        var items = new List<EvalItem>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, doc) in SuiteLoader.JsonLines(path))
        {
            using (doc)
            {
                var root = doc.RootElement;
                var prompt = SuiteLoader.RequiredString(root, "prompt", path, line);
                var reference = SuiteLoader.RequiredString(root, "reference", path, line);
                var id = root.TryGetProperty("id", out var idValue) ? idValue.ToString() : line.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!ids.Add(id))
                {
                    throw new ParityException($"{path}, line {line}: field 'id' repeats '{id}'.");
                }

                var scorer = root.TryGetProperty("scorer", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "exact";
                if (!CustomScorer.Kinds.Contains(scorer))
                {
                    throw new ParityException($"{path}, line {line}: field 'scorer' is '{scorer}'; use one of: {string.Join(", ", CustomScorer.Kinds)}.");
                }

                if (string.IsNullOrWhiteSpace(prompt))
                {
                    throw new ParityException($"{path}, line {line}: field 'prompt' is empty.");
                }

                items.Add(new EvalItem(id, prompt, reference, new Dictionary<string, string> { ["scorer"] = scorer }));
            }
        }

        if (items.Count == 0)
        {
            throw new ParityException($"Suite file '{path}' has no items.");
        }

        return new EvalSuite
        {
            Name = Path.GetFileNameWithoutExtension(path),
            Description = $"custom suite from {Path.GetFileName(path)} ({items.Count} items)",
            Licence = "as stated by the suite's author",
            Items = items,
            Scorer = new CustomScorer(),
        };
    }
}
