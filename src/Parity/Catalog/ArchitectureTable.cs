using System.Globalization;

namespace Parity.Catalog;

/// <summary>The hand-curated architecture table (<c>data/catalog/architectures.csv</c>): dense or MoE, total and active parameters, each row with the model card or report it came from.</summary>
internal static class ArchitectureTable
{
    public const string SourceName = "Parity architecture table (hand-curated from model cards)";

    public static Dictionary<string, Fact<Architecture>> LoadShipped() => Load(ShippedData.PathOf("catalog/architectures.csv"));

    public static Dictionary<string, Fact<Architecture>> Load(string path)
    {
        var result = new Dictionary<string, Fact<Architecture>>(StringComparer.Ordinal);
        foreach (var row in CsvRow.Read(path))
        {
            var lineNumber = row.LineNumber;
            string Field(string name) => row.Field(name);

            decimal? Number(string name)
            {
                var text = Field(name);
                if (text.Length == 0)
                {
                    return null;
                }

                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
                    ? value
                    : throw new ParityException($"{path}:{lineNumber}: field '{name}' must be a positive number of billions, got '{text}'.");
            }

            var id = Field("model_id");
            ArchitectureKind? kind = Field("architecture") switch
            {
                "moe" => ArchitectureKind.MixtureOfExperts,
                "dense" => ArchitectureKind.Dense,
                "" => null,
                var other => throw new ParityException($"{path}:{lineNumber}: field 'architecture' must be moe, dense or empty, got '{other}'."),
            };
            var url = Field("source_url");
            if (id.Length == 0 || url.Length == 0)
            {
                throw new ParityException($"{path}:{lineNumber}: fields 'model_id' and 'source_url' are required.");
            }

            var notes = Field("notes");
            var architecture = new Architecture(kind, Number("total_params_b"), Number("active_params_b"), Field("experts") is { Length: > 0 } e ? e : null, notes.Length > 0 ? notes : null);
            result[id] = new Fact<Architecture>(architecture, new FactSource(SourceName, Field("curated") is { Length: > 0 } curated ? curated : null, url, architecture.Notes));
        }

        return result;
    }
}
