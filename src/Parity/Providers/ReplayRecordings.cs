using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;

namespace Parity.Providers;

/// <summary>
/// Recorded model outputs on benchmark items, read from
/// <c>&lt;root&gt;/&lt;suite&gt;/&lt;harness&gt;/models/&lt;model&gt;.jsonl.gz</c> (the layout of ZeroEval's
/// GSM8K recordings). Each line has <c>index</c> (the item's row in the suite) or <c>item_id</c>, and
/// <c>output</c> (the raw completion). A model's file is read once, on first use.
/// </summary>
public sealed class ReplayRecordings
{
    private readonly ConcurrentDictionary<(string Suite, string Model), Lazy<IReadOnlyDictionary<string, string>>> _cache = new();

    public ReplayRecordings(string root)
    {
        Root = root;
    }

    /// <summary>The folder searched.</summary>
    public string Root { get; }

    /// <summary>The models recorded for a suite.</summary>
    public IReadOnlyList<string> Models(string suite)
    {
        var dir = Path.Combine(Root, suite);
        if (!Directory.Exists(dir))
        {
            return [];
        }

        return Directory.EnumerateFiles(dir, "*.jsonl.gz", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "models")
            .Select(f => Path.GetFileName(f)[..^".jsonl.gz".Length])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The recorded output of a model on an item, or null when that item was not recorded.</summary>
    public string? Find(string suite, string model, string itemId) =>
        _cache.GetOrAdd((suite, model), key => new Lazy<IReadOnlyDictionary<string, string>>(() => Load(key.Suite, key.Model))).Value
            .TryGetValue(itemId, out var output) ? output : null;

    private IReadOnlyDictionary<string, string> Load(string suite, string model)
    {
        var dir = Path.Combine(Root, suite);
        var file = Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, model + ".jsonl.gz", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        if (file is null)
        {
            var known = Models(suite);
            var hint = known.Count == 0 ? $"no recordings for suite '{suite}' under '{Root}'" : "recorded models: " + string.Join(", ", known);
            throw new ParityException($"No recorded outputs of model '{model}' for suite '{suite}' ({hint}). Set PARITY_REPLAY_DIR or replay_dir in parity.yaml to a folder with more recordings.");
        }

        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        using var stream = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                string? id = root.TryGetProperty("item_id", out var iid) && iid.ValueKind == JsonValueKind.String ? iid.GetString()
                    : root.TryGetProperty("index", out var index) && index.ValueKind == JsonValueKind.Number ? index.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : null;
                if (id is null || !root.TryGetProperty("output", out var output) || output.ValueKind != JsonValueKind.String)
                {
                    throw new ParityException($"{file}, line {lineNumber}: a recording needs 'index' (or 'item_id') and 'output'.");
                }

                outputs[id] = output.GetString()!;
            }
            catch (JsonException ex)
            {
                throw new ParityException($"{file}, line {lineNumber}: not valid JSON: {ex.Message}", ex);
            }
        }

        return outputs;
    }
}
