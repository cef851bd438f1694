namespace Parity.Catalog;

/// <summary>
/// The one alias table for organizations: every spelling the sources use ("DeepSeek AI",
/// "Zhipu", "Z.ai", "Qwen", …) maps to one canonical organization and its country.
/// Loaded from <c>data/catalog/organizations.csv</c>.
/// </summary>
public sealed class OrganizationTable
{
    private readonly Dictionary<string, Organization> _byKey;

    private OrganizationTable(IReadOnlyList<Organization> organizations, Dictionary<string, Organization> byKey)
    {
        All = organizations;
        _byKey = byKey;
    }

    /// <summary>Every canonical organization.</summary>
    public IReadOnlyList<Organization> All { get; }

    /// <summary>The shipped table.</summary>
    public static OrganizationTable LoadShipped() => Load(ShippedData.PathOf("catalog/organizations.csv"));

    /// <summary>Loads a table from a CSV with columns organization, country, aliases (|-separated), notes.</summary>
    public static OrganizationTable Load(string path)
    {
        var organizations = new List<Organization>();
        var byKey = new Dictionary<string, Organization>(StringComparer.Ordinal);
        using var reader = new StreamReader(path);
        string[]? header = null;
        foreach (var (line, fields) in CsvRows.Read(reader, path))
        {
            if (header is null)
            {
                header = fields;
                continue;
            }

            string? Field(string field)
            {
                var index = Array.IndexOf(header, field);
                return index >= 0 && index < fields.Length ? fields[index] : null;
            }

            var name = Required(Field("organization"), "organization", path, line);
            var country = Required(Field("country"), "country", path, line);
            if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
            {
                throw new ParityException($"{path}:{line}: field 'country' must be a two-letter ISO code, got '{country}'.");
            }

            var organization = new Organization(name, country);
            organizations.Add(organization);
            var aliases = (Field("aliases") ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var alias in aliases.Prepend(name))
            {
                var key = Normalize(alias);
                if (byKey.TryGetValue(key, out var existing) && existing != organization)
                {
                    throw new ParityException($"{path}:{line}: alias '{alias}' already belongs to '{existing.Name}'.");
                }

                byKey[key] = organization;
            }
        }

        return new OrganizationTable(organizations, byKey);
    }

    /// <summary>The organization a spelling refers to, or null when the table does not know it.</summary>
    public Organization? Resolve(string? spelling) =>
        string.IsNullOrWhiteSpace(spelling) ? null : _byKey.GetValueOrDefault(Normalize(spelling));

    /// <summary>Case, spaces, dots, dashes and underscores do not distinguish organizations.</summary>
    internal static string Normalize(string spelling)
    {
        Span<char> buffer = stackalloc char[spelling.Length];
        var n = 0;
        foreach (var c in spelling)
        {
            if (char.IsLetterOrDigit(c) || c == '/' || c == '(' || c == ')')
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }

    private static string Required(string? raw, string field, string path, int line)
    {
        var value = raw?.Trim();
        return string.IsNullOrEmpty(value)
            ? throw new ParityException($"{path}:{line}: field '{field}' is empty.")
            : value;
    }
}
