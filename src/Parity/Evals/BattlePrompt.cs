namespace Parity.Evals;

/// <summary>One prompt both models answer in a battle.</summary>
public sealed record BattlePrompt(string Id, string Prompt)
{
    /// <summary>
    /// Reads prompts: a <c>.jsonl</c> file with <c>prompt</c> (and optional <c>id</c>) per line, or
    /// any other text file with one prompt per non-empty line.
    /// </summary>
    public static IReadOnlyList<BattlePrompt> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ParityException($"Prompt file '{path}' does not exist.");
        }

        var prompts = new List<BattlePrompt>();
        if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (line, doc) in SuiteLoader.JsonLines(path))
            {
                using (doc)
                {
                    var prompt = SuiteLoader.RequiredString(doc.RootElement, "prompt", path, line);
                    var id = doc.RootElement.TryGetProperty("id", out var v) ? v.ToString() : line.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    prompts.Add(new BattlePrompt(id, prompt));
                }
            }
        }
        else
        {
            var line = 0;
            foreach (var text in File.ReadLines(path))
            {
                line++;
                if (!string.IsNullOrWhiteSpace(text))
                {
                    prompts.Add(new BattlePrompt(line.ToString(System.Globalization.CultureInfo.InvariantCulture), text.Trim()));
                }
            }
        }

        var duplicate = prompts.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ParityException($"{path}: prompt id '{duplicate.Key}' appears more than once.");
        }

        return prompts.Count == 0 ? throw new ParityException($"Prompt file '{path}' has no prompts.") : prompts;
    }
}
