using System.Globalization;

namespace Parity.Routing;

/// <summary>
/// The router figures RouteLLM published (Ong et al., arXiv 2406.18665v4, Tables 2 and 3: APGR, CPT(50%) and
/// CPT(80%) of its random, BERT, causal-LLM, matrix-factorisation and SW-ranking routers on MMLU and GSM8K,
/// GPT-4-1106-preview vs Mixtral-8x7B), shipped as <c>data/routing/routellm_published.csv</c>, so an evaluation
/// on the same benchmark can be printed beside them.
/// </summary>
internal static class PublishedRouterFigures
{
    /// <summary>The shipped file, relative to <c>data/</c>.</summary>
    public const string ShippedPath = "routing/routellm_published.csv";

    private static readonly string[] Metrics = ["APGR", "CPT(50%)", "CPT(80%)"];

    /// <summary>Reads a published-figures CSV; a bad row is an error naming the file, line and field.</summary>
    public static IReadOnlyList<PublishedRouterFigure> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ParityException($"{path}: no such file.");
        }

        var figures = new List<PublishedRouterFigure>();
        foreach (var row in CsvRow.Read(path))
        {
            string Required(string field)
            {
                var v = row.Field(field);
                return v.Length > 0 ? v : throw new ParityException($"{path}, line {row.LineNumber}: field '{field}' is empty.");
            }

            var metric = Required("metric");
            if (!Metrics.Contains(metric))
            {
                throw new ParityException($"{path}, line {row.LineNumber}: field 'metric' is '{metric}'; expected {string.Join(", ", Metrics)}.");
            }

            var text = Required("value");
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1.5)
            {
                throw new ParityException($"{path}, line {row.LineNumber}: field 'value' = '{text}' is not a fraction (APGR, or CPT as 0–1).");
            }

            figures.Add(new PublishedRouterFigure(Required("router"), Required("benchmark"), metric, value, Required("as_published"), Required("training"),
                Required("strong"), Required("weak"), Required("source"), Required("url")));
        }

        return figures;
    }

    /// <summary>The shipped figures for a benchmark (gsm8k, mmlu), in file order; empty for any other benchmark.</summary>
    public static IReadOnlyList<PublishedRouterFigure> ForBenchmark(string benchmark) =>
        Load(ShippedData.PathOf(ShippedPath)).Where(f => string.Equals(f.Benchmark, benchmark, StringComparison.OrdinalIgnoreCase)).ToList();
}
