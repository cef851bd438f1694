using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Parity.Catalog;

namespace Parity.Routing;

/// <summary>
/// Reads recorded per-item outcomes in the formats Parity has: RouteLLM's evaluation CSVs
/// (<c>gsm8k_responses.csv</c>: a <c>prompt</c> column and one True/False column per model, plus
/// <c>*_response</c> text columns; <c>mmlu_correctness.csv</c>: <c>subject</c>, <c>row_in_subject</c>,
/// <c>prompt</c> and <c>&lt;model&gt;_correct</c> columns), plain or gzip, and ZeroEval's GSM8K folder
/// (<c>questions.jsonl.gz</c> and <c>correctness_matrix.csv.gz</c>, 0/1 or blank per model).
/// RouterBench's long format (<c>mbpp_routerbench_long.jsonl.gz</c>: one JSON line per item and model with
/// <c>sample_id</c>, <c>prompt</c>, <c>model</c>, <c>score</c> and <c>total_cost_usd</c>) also carries each call's cost.
/// A RouteLLM contamination list beside the file (<c>&lt;benchmark&gt;_contaminated_prompts.jsonl.gz</c>)
/// is honoured: items whose prompt it lists are dropped and counted.
/// </summary>
internal static class OutcomeLoader
{
    private static readonly HashSet<string> NotModelColumns = new(StringComparer.OrdinalIgnoreCase) { "prompt", "subject", "row_in_subject", "id", "index", "question" };

    /// <summary>Loads a file or folder; <paramref name="contamination"/> overrides the list found beside it ("none" turns it off).</summary>
    public static OutcomeSet Load(string path, string? contamination = null)
    {
        if (Directory.Exists(path))
        {
            return LoadZeroEval(path, contamination);
        }

        if (!File.Exists(path))
        {
            throw new ParityException($"{path}: no such file or folder.");
        }

        return path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase)
            ? LoadLong(path)
            : LoadCsv(path, contamination);
    }

    private static OutcomeSet LoadLong(string path)
    {
        var models = new List<string>();
        var order = new List<string>();
        var byItem = new Dictionary<string, (string Prompt, Dictionary<int, (double Score, double Cost)> Runs)>(StringComparer.Ordinal);
        using (var reader = OpenText(path))
        {
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                JsonElement row;
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    row = doc.RootElement.Clone();
                }
                catch (JsonException ex)
                {
                    throw new ParityException($"{path}, line {lineNumber}: not a JSON object ({ex.Message})");
                }

                string Text(string field) =>
                    row.ValueKind == JsonValueKind.Object && row.TryGetProperty(field, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number
                        ? (v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())
                        : throw new ParityException($"{path}, line {lineNumber}: field '{field}' is missing.");

                double Number(string field, double max)
                {
                    var t = Text(field);
                    return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0 && v <= max
                        ? v
                        : throw new ParityException($"{path}, line {lineNumber}: field '{field}' = '{t}' is not a number in [0, {max.ToString(CultureInfo.InvariantCulture)}].");
                }

                var id = Text("sample_id");
                var model = Text("model");
                var score = Number("score", 1);
                var cost = Number("total_cost_usd", 1000);
                var m = models.IndexOf(model);
                if (m < 0)
                {
                    models.Add(model);
                    m = models.Count - 1;
                }

                if (!byItem.TryGetValue(id, out var entry))
                {
                    entry = (Prompt(row, path, lineNumber), new Dictionary<int, (double, double)>());
                    byItem[id] = entry;
                    order.Add(id);
                }

                if (!entry.Runs.TryAdd(m, (score, cost)))
                {
                    throw new ParityException($"{path}, line {lineNumber}: field 'model': '{model}' has a second record for sample_id '{id}'.");
                }
            }
        }

        if (order.Count == 0)
        {
            throw new ParityException($"{path}: the file is empty.");
        }

        var items = order.Select(id =>
        {
            var (prompt, runs) = byItem[id];
            var scores = new double?[models.Count];
            var costs = new double?[models.Count];
            foreach (var (m, (score, cost)) in runs)
            {
                scores[m] = score;
                costs[m] = cost;
            }

            return new OutcomeItem(id.Split('.')[0] + "/" + id, prompt, scores, costs);
        }).ToList();
        return Finish(path, models, items, null, Sha256Of(path));
    }

    /// <summary>RouterBench stores a prompt as a list of strings (the turns); the router sees them joined by a blank line.</summary>
    private static string Prompt(JsonElement row, string path, int lineNumber)
    {
        if (row.TryGetProperty("prompt", out var p))
        {
            if (p.ValueKind == JsonValueKind.String)
            {
                return p.GetString()!;
            }

            if (p.ValueKind == JsonValueKind.Array && p.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            {
                return string.Join("\n\n", p.EnumerateArray().Select(e => e.GetString()));
            }
        }

        throw new ParityException($"{path}, line {lineNumber}: field 'prompt' is missing or not a string or a list of strings.");
    }

    private static OutcomeSet LoadCsv(string path, string? contamination)
    {
        using var reader = OpenText(path);
        string[]? header = null;
        int promptColumn = -1, subjectColumn = -1, rowColumn = -1;
        var modelColumns = new List<int>();
        var items = new List<OutcomeItem>();
        var dataRow = 0;
        foreach (var (line, fields) in CsvRows.Read(reader, path))
        {
            if (header is null)
            {
                header = fields;
                promptColumn = Array.IndexOf(header, "prompt");
                if (promptColumn < 0)
                {
                    throw new ParityException($"{path}: the header has no column 'prompt' (expected RouteLLM's outcome CSV: prompt plus one True/False column per model).");
                }

                subjectColumn = Array.IndexOf(header, "subject");
                rowColumn = Array.IndexOf(header, "row_in_subject");
                for (var c = 0; c < header.Length; c++)
                {
                    if (!NotModelColumns.Contains(header[c]) && !header[c].EndsWith("_response", StringComparison.Ordinal))
                    {
                        modelColumns.Add(c);
                    }
                }

                continue;
            }

            var scores = new double?[modelColumns.Count];
            for (var m = 0; m < modelColumns.Count; m++)
            {
                var column = modelColumns[m];
                scores[m] = Score(column < fields.Length ? fields[column] : "", path, line, header[column]);
            }

            var id = subjectColumn >= 0 && rowColumn >= 0
                ? $"{Path.GetFileName(path).Split('_')[0]}/{fields[subjectColumn]}/{fields[rowColumn]}"
                : $"{Path.GetFileName(path).Split('_')[0]}/{dataRow.ToString(CultureInfo.InvariantCulture)}";
            items.Add(new OutcomeItem(id, promptColumn < fields.Length ? fields[promptColumn] : "", scores));
            dataRow++;
        }

        if (header is null)
        {
            throw new ParityException($"{path}: the file is empty.");
        }

        var models = modelColumns.Select(c => StripSuffix(header[c])).ToList();
        var list = contamination ?? Beside(path);
        return Finish(path, models, items, list, Sha256Of(path));
    }

    private static OutcomeSet LoadZeroEval(string folder, string? contamination)
    {
        var questionsFile = Path.Combine(folder, "questions.jsonl.gz");
        var matrixFile = Path.Combine(folder, "correctness_matrix.csv.gz");
        foreach (var f in new[] { questionsFile, matrixFile })
        {
            if (!File.Exists(f))
            {
                throw new ParityException($"{folder}: not an outcome folder (it has no {Path.GetFileName(f)}; expected ZeroEval's questions.jsonl.gz and correctness_matrix.csv.gz).");
            }
        }

        var questions = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var reader = OpenText(questionsFile))
        {
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                try
                {
                    using var doc = JsonDocument.Parse(line);
                    var index = doc.RootElement.GetProperty("index").GetInt32().ToString(CultureInfo.InvariantCulture);
                    questions[index] = doc.RootElement.GetProperty("question").GetString() ?? throw new ParityException($"{questionsFile}, line {lineNumber}: field 'question' is null.");
                }
                catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    throw new ParityException($"{questionsFile}, line {lineNumber}: not a question record with 'index' and 'question' ({ex.Message})");
                }
            }
        }

        using var matrix = OpenText(matrixFile);
        string[]? header = null;
        var items = new List<OutcomeItem>();
        foreach (var (line, fields) in CsvRows.Read(matrix, matrixFile))
        {
            if (header is null)
            {
                header = fields;
                if (header.Length < 2 || header[0] != "index")
                {
                    throw new ParityException($"{matrixFile}, line {line}: the first column must be 'index'.");
                }

                continue;
            }

            if (!questions.TryGetValue(fields[0], out var prompt))
            {
                throw new ParityException($"{matrixFile}, line {line}: field 'index' = '{fields[0]}' has no question in {Path.GetFileName(questionsFile)}.");
            }

            var scores = new double?[header.Length - 1];
            for (var m = 1; m < header.Length; m++)
            {
                scores[m - 1] = Score(m < fields.Length ? fields[m] : "", matrixFile, line, header[m]);
            }

            items.Add(new OutcomeItem("gsm8k/test/" + fields[0], prompt, scores));
        }

        if (header is null)
        {
            throw new ParityException($"{matrixFile}: the file is empty.");
        }

        return Finish(folder, header.Skip(1).ToList(), items, contamination, Sha256Of(matrixFile));
    }

    private static OutcomeSet Finish(string source, List<string> models, List<OutcomeItem> items, string? contamination, string sha)
    {
        if (models.Count < 2)
        {
            throw new ParityException($"{source}: field 'models': the data has {models.Count} model column{(models.Count == 1 ? "" : "s")} ({string.Join(", ", models)}); a router needs outcomes of at least two models on the same prompts.");
        }

        if (items.Count == 0)
        {
            throw new ParityException($"{source}: the data has no items.");
        }

        if (contamination is null || contamination == "none")
        {
            return new OutcomeSet(source, models, items, 0, null, sha);
        }

        var listed = ContaminatedPrompts(contamination);
        var kept = items.Where(i => !listed.Contains(i.Prompt)).ToList();
        return new OutcomeSet(source, models, kept, items.Count - kept.Count, contamination, sha);
    }

    /// <summary>The <c>eval_prompt</c> values of a RouteLLM contamination list (JSONL, plain or gzip).</summary>
    public static HashSet<string> ContaminatedPrompts(string file)
    {
        if (!File.Exists(file))
        {
            throw new ParityException($"{file}: no such contamination list.");
        }

        var prompts = new HashSet<string>(StringComparer.Ordinal);
        using var reader = OpenText(file);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                prompts.Add(doc.RootElement.GetProperty("eval_prompt").GetString() ?? "");
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new ParityException($"{file}, line {lineNumber}: field 'eval_prompt' is missing or not a string.");
            }
        }

        return prompts;
    }

    private static string? Beside(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var benchmark = Path.GetFileName(path).Split('_')[0];
        var candidate = Path.Combine(dir, benchmark + "_contaminated_prompts.jsonl.gz");
        return File.Exists(candidate) ? candidate : null;
    }

    private static double? Score(string text, string path, int line, string column) => text.Trim() switch
    {
        "" => null,
        "True" or "true" or "1" or "1.0" => 1,
        "False" or "false" or "0" or "0.0" => 0,
        var t when double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1 => v,
        var t => throw new ParityException($"{path}, line {line}: field '{column}' = '{t}' is not an outcome (True/False, 0/1 or a score in [0, 1])."),
    };

    private static string StripSuffix(string column) =>
        column.EndsWith("_correct", StringComparison.Ordinal) ? column[..^"_correct".Length] : column;

    private static StreamReader OpenText(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
            : new StreamReader(path);

    private static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
