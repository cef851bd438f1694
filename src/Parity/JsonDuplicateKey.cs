using System.Text.Json;

namespace Parity;

/// <summary>
/// Finds the first key that an object of a JSON text repeats. System.Text.Json can refuse duplicates
/// (<see cref="JsonDocumentOptions.AllowDuplicateProperties"/>) but its error says neither where nor in
/// which object; this walks the text once more, only after such a refusal, to say both.
/// </summary>
internal static class JsonDuplicateKey
{
    /// <summary>The options every JSON file the project reads is parsed with: duplicate keys are an error.</summary>
    public static readonly JsonDocumentOptions Strict = new() { MaxDepth = 128, AllowDuplicateProperties = false };

    /// <summary>Parses <paramref name="json"/> refusing duplicate keys; any error names <paramref name="file"/>, the line and, for a duplicate, the key and its object.</summary>
    public static JsonDocument Parse(string file, ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json, Strict);
        }
        catch (JsonException ex)
        {
            var duplicate = Find(json.Span);
            if (duplicate is { } d)
            {
                throw new ParityException($"{file}:{d.Line}: key '{d.Key}' appears twice in the object at {d.Path} (first on line {d.FirstLine}); which one to keep is ambiguous.", ex);
            }

            throw NotJson(file, ex);
        }
    }

    /// <summary>The error for a file that is not JSON: where the reader stopped, 1-based, and why.</summary>
    public static ParityException NotJson(string file, JsonException ex)
    {
        var reason = ex.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return new ParityException($"{file}: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {(cut > 0 ? reason[..cut] : reason)}", ex);
    }

    /// <summary>The first repeated key: its 1-based line, the line of its first use, and the JSON path of its object; null when there is none (or the text is not JSON).</summary>
    public static (string Key, long Line, long FirstLine, string Path)? Find(ReadOnlySpan<byte> json)
    {
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 128 });
        var keys = new Stack<Dictionary<string, long>?>(); // per open container: the keys seen (null for an array)
        var next = new Stack<int>(); // per open container: the next element's index (-1 for an object)
        var path = new List<string>();
        var (line, counted) = (1L, 0);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Element(path, next);
                        var isObject = reader.TokenType == JsonTokenType.StartObject;
                        keys.Push(isObject ? new Dictionary<string, long>(StringComparer.Ordinal) : null);
                        next.Push(isObject ? -1 : 0);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        keys.Pop();
                        next.Pop();
                        Leave(path, next);
                        break;
                    case JsonTokenType.PropertyName:
                        var key = reader.GetString()!;
                        line += json[counted..(int)reader.TokenStartIndex].Count((byte)'\n');
                        counted = (int)reader.TokenStartIndex;
                        if (!keys.Peek()!.TryAdd(key, line))
                        {
                            return (key, line, keys.Peek()![key], "$" + string.Concat(path));
                        }

                        path.Add(Segment(key));
                        break;
                    default:
                        Element(path, next);
                        Leave(path, next);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>A value inside an array gets its index as its path segment; a property's value has the property's name there already.</summary>
    private static void Element(List<string> path, Stack<int> next)
    {
        if (next.Count > 0 && next.Peek() >= 0)
        {
            var i = next.Pop();
            next.Push(i + 1);
            path.Add($"[{i}]");
        }
    }

    /// <summary>After a value ends, its segment (index or name) goes; the root has none.</summary>
    private static void Leave(List<string> path, Stack<int> next)
    {
        if (next.Count > 0)
        {
            path.RemoveAt(path.Count - 1);
        }
    }

    private static string Segment(string key) =>
        key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? "." + key : "[\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"]";
}
