namespace Parity.Catalog;

/// <summary>
/// The one alias table for models (<c>data/catalog/models.csv</c>): each canonical model with its
/// maker, openness and licence (hand-curated, with the model card it came from) and every spelling
/// the sources use for it.
/// </summary>
internal sealed class ModelAliasTable
{
    private readonly Dictionary<string, ModelMatch> _byKey;

    private ModelAliasTable(IReadOnlyList<ModelEntry> entries, Dictionary<string, ModelMatch> byKey)
    {
        Entries = entries;
        _byKey = byKey;
    }

    public IReadOnlyList<ModelEntry> Entries { get; }

    public static ModelAliasTable LoadShipped() => Load(ShippedData.PathOf("catalog/models.csv"));

    public static ModelAliasTable Load(string path)
    {
        var entries = new List<ModelEntry>();
        var byKey = new Dictionary<string, ModelMatch>(StringComparer.Ordinal);
        foreach (var row in CsvRow.Read(path))
        {
            var lineNumber = row.LineNumber;
            string Field(string name) => row.Field(name);

            var id = Field("id");
            var name = Field("name");
            var organization = Field("organization");
            if (id.Length == 0 || name.Length == 0 || organization.Length == 0)
            {
                throw new ParityException($"{path}:{lineNumber}: fields 'id', 'name' and 'organization' are required.");
            }

            bool? open = Field("open_weights") switch
            {
                "yes" => true,
                "no" => false,
                "" => null,
                var other => throw new ParityException($"{path}:{lineNumber}: field 'open_weights' must be yes, no or empty, got '{other}'."),
            };
            var aliases = Field("aliases").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var entry = new ModelEntry(id, name, organization, open, NullIfEmpty(Field("licence")), NullIfEmpty(Field("source_url")), aliases);
            entries.Add(entry);

            Add(byKey, id, new ModelMatch(id, 0), path, lineNumber);
            Add(byKey, name, new ModelMatch(id, 0), path, lineNumber);
            foreach (var alias in aliases)
            {
                Add(byKey, alias, new ModelMatch(id, 1), path, lineNumber);
            }
        }

        return new ModelAliasTable(entries, byKey);
    }

    /// <summary>The model a name refers to: exact spelling first, then without a provider prefix, then without a date suffix.</summary>
    public ModelMatch? Match(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (_byKey.TryGetValue(ModelKey.Normalize(name), out var exact))
        {
            return exact;
        }

        var bare = ModelKey.WithoutPrefix(name);
        if (bare is not null && _byKey.TryGetValue(ModelKey.Normalize(bare), out var prefixed))
        {
            return prefixed with { Rank = Math.Max(prefixed.Rank, 2) };
        }

        foreach (var candidate in bare is null ? [name] : new[] { name, bare })
        {
            var undated = ModelKey.WithoutDate(candidate);
            if (undated is not null && _byKey.TryGetValue(undated, out var dated))
            {
                return dated with { Rank = 3 };
            }
        }

        return null;
    }

    private static void Add(Dictionary<string, ModelMatch> byKey, string spelling, ModelMatch match, string path, int line)
    {
        var key = ModelKey.Normalize(spelling);
        if (byKey.TryGetValue(key, out var existing) && existing.ModelId != match.ModelId)
        {
            throw new ParityException($"{path}:{line}: the spelling '{spelling}' already belongs to '{existing.ModelId}'.");
        }

        if (!byKey.TryGetValue(key, out existing) || existing.Rank > match.Rank)
        {
            byKey[key] = match;
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
