using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Parity.Claims;

/// <summary>Reads the fields of one claim's YAML mapping, with errors naming file, line, claim and field.</summary>
internal sealed class ClaimFields
{
    private readonly YamlMappingNode _node;
    private readonly string _file;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public ClaimFields(YamlMappingNode node, string file, long? line = null)
    {
        _node = node;
        _file = file;
        _line = line ?? node.Start.Line;
        Id = ScalarOrNull("id") ?? throw Fail("id", "is missing (every claim needs an id)");
    }

    private readonly long _line;

    public string Id { get; }

    public string Location => $"{_file}:{_line}";

    public string File => _file;

    /// <summary>True when the mapping has the field.</summary>
    public bool Has(string field) => _node.Children.ContainsKey(new YamlScalarNode(field));

    /// <summary>Marks a field as known without reading it (it is read elsewhere).</summary>
    public void Use(string field) => _used.Add(field);

    /// <summary>A mapping of scalars (<c>where: {country: US, year: 2024}</c>).</summary>
    public IReadOnlyDictionary<string, string> Mapping(string field)
    {
        _used.Add(field);
        if (!_node.Children.TryGetValue(new YamlScalarNode(field), out var value))
        {
            throw Fail(field, "is missing");
        }

        return value is YamlMappingNode map && map.Children.Count > 0
            ? ScalarsOf(map, field)
            : throw Fail(field, "must be a mapping of column: value");
    }

    /// <summary>A list of mappings (<c>readings:</c>, <c>values:</c>).</summary>
    public IReadOnlyList<YamlMappingNode> MappingList(string field)
    {
        _used.Add(field);
        if (!_node.Children.TryGetValue(new YamlScalarNode(field), out var value) || value is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            throw Fail(field, "must be a non-empty list of mappings");
        }

        return seq.Children.Select(c => c as YamlMappingNode ?? throw Fail(field, "must hold mappings")).ToList();
    }

    /// <summary>The scalar children of a mapping, as text; error naming the field for a nested value.</summary>
    public Dictionary<string, string> ScalarsOf(YamlMappingNode map, string field) =>
        map.Children.ToDictionary(
            kv => (kv.Key as YamlScalarNode)?.Value ?? throw Fail(field, "must have plain keys"),
            kv => kv.Value is YamlScalarNode v && v.Value is { } text ? text.Trim() : throw Fail(field, "must hold single values"),
            StringComparer.Ordinal);

    /// <summary>The mapping's nodes, for merging a reading over its claim.</summary>
    public YamlMappingNode Node => _node;

    public ParityException Fail(string field, string problem) =>
        new($"{_file}:{Line(field)}: claim '{(Id ?? "?")}': field '{field}' {problem}.");

    public string String(string field) => ScalarOrNull(field) ?? throw Fail(field, "is missing");

    public string? StringOrNull(string field) => ScalarOrNull(field);

    public double Double(string field) => DoubleOrNull(field) ?? throw Fail(field, "is missing");

    public double? DoubleOrNull(string field)
    {
        var text = ScalarOrNull(field);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Fail(field, $"must be a number, got '{text}'");
    }

    public int Int(string field)
    {
        var value = Double(field);
        return value == Math.Floor(value) && value > 0 ? (int)value : throw Fail(field, $"must be a positive whole number, got {value}");
    }

    public bool? BoolOrNull(string field)
    {
        var text = ScalarOrNull(field);
        return text switch
        {
            null => null,
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw Fail(field, $"must be true or false, got '{text}'"),
        };
    }

    public DateOnly? DateOrNull(string field)
    {
        var text = ScalarOrNull(field);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Fail(field, $"must be a date yyyy-mm-dd, got '{text}'");
    }

    public string OneOf(string field, string fallback, params string[] allowed)
    {
        var text = ScalarOrNull(field) ?? fallback;
        return allowed.Contains(text) ? text : throw Fail(field, $"must be one of {string.Join(", ", allowed)}, got '{text}'");
    }

    public IReadOnlyList<string> StringList(string field)
    {
        _used.Add(field);
        if (!_node.Children.TryGetValue(new YamlScalarNode(field), out var value))
        {
            throw Fail(field, "is missing");
        }

        var list = value switch
        {
            YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value) ? s.Value! : throw Fail(field, "must be a list of names")).ToList(),
            YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value) => [s.Value!],
            _ => throw Fail(field, "must be a list of names"),
        };
        return list.Count > 0 ? list : throw Fail(field, "is empty");
    }

    public IReadOnlyList<IReadOnlyList<string>> ListOfLists(string field)
    {
        _used.Add(field);
        if (!_node.Children.TryGetValue(new YamlScalarNode(field), out var value) || value is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            throw Fail(field, "must be a non-empty list (of names or of lists of names)");
        }

        return seq.Children.Select(c => c switch
        {
            YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value) => (IReadOnlyList<string>)[s.Value!],
            YamlSequenceNode inner when inner.Children.Count > 0 => inner.Children.Select(x => x is YamlScalarNode xs && !string.IsNullOrWhiteSpace(xs.Value) ? xs.Value! : throw Fail(field, "must hold names")).ToList(),
            _ => throw Fail(field, "must hold names or lists of names"),
        }).ToList();
    }

    /// <summary>Fails on a field the claim type does not know (a typo would otherwise be silently ignored).</summary>
    public void RejectUnknown()
    {
        foreach (var key in _node.Children.Keys.OfType<YamlScalarNode>())
        {
            if (!_used.Contains(key.Value!))
            {
                throw new ParityException($"{_file}:{key.Start.Line}: claim '{Id}': field '{key.Value}' is unknown for type '{ScalarOrNull("type")}'.");
            }
        }
    }

    private string? ScalarOrNull(string field)
    {
        _used.Add(field);
        if (!_node.Children.TryGetValue(new YamlScalarNode(field), out var value))
        {
            return null;
        }

        return value is YamlScalarNode scalar
            ? string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim()
            : throw new ParityException($"{_file}:{value.Start.Line}: claim '{Id ?? "?"}': field '{field}' must be a single value.");
    }

    private long Line(string field) =>
        _node.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == field)?.Start.Line ?? _line;
}
