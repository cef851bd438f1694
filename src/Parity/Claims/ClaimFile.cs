using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Parity.Claims;

/// <summary>
/// Reads a claims file: YAML with a top-level <c>claims:</c> list. Each claim has <c>id</c>, <c>sentence</c>,
/// <c>said</c> (who, where, when), <c>type</c> and the parameters of its type; see <see cref="Types"/>.
/// Unknown types and unknown fields are errors naming the claim.
/// </summary>
public static class ClaimFile
{
    /// <summary>The test types and their parameters, for help text.</summary>
    public static IReadOnlyDictionary<string, string> Types { get; } = new Dictionary<string, string>
    {
        ["rating-range"] = "board, date?, models, min, max — every model's score lies in [min, max]",
        ["rating-at-least"] = "board, date?, models (trailing * = all variants), min, quantifier? (all|any|most) — scores ≥ min",
        ["rank-top-n"] = "board, date?, families (names or lists of names), n — each family's best ranks ≤ n",
        ["capability-ratio"] = "board, date?, country?, open-weights?, min, max — group best vs leader on the Arena win-probability scale",
        ["benchmark-ratio"] = "challenger, leader, benchmarks?, min, max — challenger's benchmark scores as a share of the leader's (series benchmark_scores)",
        ["price-ratio"] = "cheaper, dearer, min, max, price? (blended|input|output) — dearer/cheaper price in [min, max], at the as-of date",
        ["price-compare"] = "model, value, tolerance?, others, others-at-least, price? — model costs value, others ≥ floor, at the as-of date",
        ["training-cost-below"] = "model, max-usd — final training run cost below max-usd",
        ["gap-trend"] = "board, leader, challenger (ISO countries), from?, to?, direction (closing|widening)",
        ["series-value"] = "series, values (each: column: value filters, claimed, op? about|at-least|at-most, tolerance?) — published figures match",
        ["series-ratio"] = "series, numerator, denominator (column: value filters), min?, max? — ratio of two published figures in range",
        ["investment"] = "series-value on series investment (or subject, would-decide: no data)",
        ["token-share"] = "series-value on series token_share (or subject, would-decide: no data)",
        ["no-data"] = "subject, would-decide — Parity has no data on it: undecided, with what would decide it",
    };

    /// <summary>Fields every claim may have besides its test's: id, sentence, said, type, readings, tracker, seed-label, coverage.</summary>
    public const string ClaimFieldsText =
        "id, sentence, said, type and the type's fields; optional readings (a list: each has name, optional role reading|context and note, and any " +
        "field of the claim it overrides, or its own type and fields), tracker (an id from the top-level trackers: list), seed-label (the seed's own " +
        "label: confirmed, unconfirmed or a confidence such as 80 %), coverage (what the data cover)";

    /// <summary>The claims file that ships with Parity.</summary>
    public static IReadOnlyList<Claim> LoadShipped() => Load(ShippedData.PathOf("claims/claims.yaml"));

    /// <summary>Loads and validates a claims file.</summary>
    public static IReadOnlyList<Claim> Load(string path) => LoadSet(path).Claims;

    /// <summary>Loads and validates a claims file with its tracker headlines.</summary>
    public static ClaimSet LoadSet(string path)
    {
        if (!File.Exists(path))
        {
            throw new ParityException($"claims file '{path}' does not exist.");
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new ParityException($"{path}:{ex.Start.Line}: not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("claims"), out var list) || list is not YamlSequenceNode claims)
        {
            throw new ParityException($"{path}: expected a top-level 'claims:' list.");
        }

        var trackers = new List<Tracker>();
        if (root.Children.TryGetValue(new YamlScalarNode("trackers"), out var trackerList))
        {
            foreach (var item in (trackerList as YamlSequenceNode)?.Children ?? throw new ParityException($"{path}:{trackerList.Start.Line}: 'trackers' must be a list."))
            {
                var t = new ClaimFields(item as YamlMappingNode ?? throw new ParityException($"{path}:{item.Start.Line}: each tracker must be a mapping."), path);
                trackers.Add(new Tracker(t.Id, t.String("headline"), t.StringOrNull("label"), t.StringOrNull("said")));
                t.RejectUnknown();
            }
        }

        var result = new List<Claim>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in claims.Children)
        {
            if (item is not YamlMappingNode node)
            {
                throw new ParityException($"{path}:{item.Start.Line}: each claim must be a mapping with id, sentence, type, ….");
            }

            var fields = new ClaimFields(node, path);
            if (!ids.Add(fields.Id))
            {
                throw new ParityException($"{fields.Location}: claim '{fields.Id}': field 'id' is used twice.");
            }

            var claim = ParseClaim(fields);
            if (claim.Tracker is { } tracker && trackers.All(t => t.Id != tracker))
            {
                throw fields.Fail("tracker", $"names tracker '{tracker}', which the file's trackers: list does not have (known: {string.Join(", ", trackers.Select(t => t.Id))})");
            }

            result.Add(claim);
        }

        return new ClaimSet(path, result, trackers);
    }

    /// <summary>Fields a reading may not override: they belong to the claim.</summary>
    private static readonly string[] ClaimOnly = ["id", "sentence", "said", "readings", "tracker", "seed-label", "coverage", "name", "role", "note"];

    private static Claim ParseClaim(ClaimFields f)
    {
        var sentence = f.String("sentence");
        var said = f.StringOrNull("said");
        var type = f.String("type");
        var tracker = f.StringOrNull("tracker");
        var label = f.StringOrNull("seed-label");
        var coverage = f.StringOrNull("coverage");
        var readings = new List<ClaimTest>();
        if (!f.Has("readings"))
        {
            readings.Add(Parse(f, "as written", "reading", null));
            f.RejectUnknown();
        }
        else
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in f.MappingList("readings"))
            {
                // A reading of the claim's own type inherits the claim's fields and overrides some; a reading of another type stands alone.
                var own = new ClaimFields(Merge(f.Node, node, inherit: false), f.File, node.Start.Line);
                var readingType = own.StringOrNull("type") ?? type;
                var merged = new ClaimFields(Merge(f.Node, node, inherit: readingType == type), f.File, node.Start.Line);
                var name = merged.String("name");
                if (!names.Add(name))
                {
                    throw merged.Fail("name", $"'{name}' is used by two readings");
                }

                readings.Add(Parse(merged, name, merged.OneOf("role", "reading", "reading", "context"), merged.StringOrNull("note")));
                foreach (var claimField in ClaimOnly)
                {
                    merged.Use(claimField);
                }

                merged.RejectUnknown();
            }

            // Fields of the claim no reading used are typos.
            foreach (var key in f.Node.Children.Keys.OfType<YamlScalarNode>())
            {
                if (!ClaimOnly.Contains(key.Value) && key.Value != "type" && !readings.Any(r => r.Type == type))
                {
                    throw new ParityException($"{f.Location}: claim '{f.Id}': field '{key.Value}' is used by no reading.");
                }
            }
        }

        return new Claim
        {
            Id = f.Id, Sentence = sentence, Said = said, Type = type, Location = f.Location, Readings = readings,
            Tracker = tracker, SeedLabel = label, Coverage = coverage,
        };
    }

    private static YamlMappingNode Merge(YamlMappingNode claim, YamlMappingNode reading, bool inherit)
    {
        var merged = new YamlMappingNode();
        foreach (var (key, value) in claim.Children)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is "readings" || (!inherit && name is not ("id" or "sentence" or "said")) || reading.Children.ContainsKey(key))
            {
                continue;
            }

            merged.Children.Add(key, value);
        }

        foreach (var (key, value) in reading.Children)
        {
            merged.Children.Add(key, value);
        }

        return merged;
    }

    private static ClaimTest Parse(ClaimFields f, string reading, string role, string? note)
    {
        var type = f.String("type");
        var id = f.Id;
        var sentence = f.String("sentence");
        var said = f.StringOrNull("said");
        var location = f.Location;
        string Board() => f.OneOf("board", "text-style-control", "text", "text-style-control");
        return type switch
        {
            "rating-range" => new RatingRangeClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location, Reading = reading, Role = role, Note = note,
                Board = Board(), Date = f.DateOrNull("date"), Models = f.StringList("models"), Min = f.Double("min"), Max = f.Double("max"),
                ToleranceInterval = f.StringOrNull("tolerance") == "ci", TolerancePoints = f.StringOrNull("tolerance") == "ci" ? null : f.DoubleOrNull("tolerance"),
                Quantifier = f.OneOf("quantifier", "all", "all", "most"),
            },
            "rating-at-least" => new RatingAtLeastClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location, Reading = reading, Role = role, Note = note,
                Board = Board(), Date = f.DateOrNull("date"), Models = f.StringList("models"), Min = f.Double("min"),
                Quantifier = f.OneOf("quantifier", "all", "all", "any", "most"),
            },
            "rank-top-n" => new RankTopNClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location, Reading = reading, Role = role, Note = note,
                Board = Board(), Date = f.DateOrNull("date"), Families = f.ListOfLists("families"), N = f.Int("n"),
            },
            "capability-ratio" => new CapabilityRatioClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location, Reading = reading, Role = role, Note = note,
                Board = Board(), Date = f.DateOrNull("date"), Country = f.StringOrNull("country")?.ToUpperInvariant(),
                OpenWeights = f.BoolOrNull("open-weights"), Min = f.Double("min"), Max = f.Double("max"),
            },
            "price-ratio" => new PriceRatioClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location, Reading = reading, Role = role, Note = note,
                Cheaper = f.StringList("cheaper"), Dearer = f.StringList("dearer"), Min = f.Double("min"), Max = f.Double("max"),
                Price = f.OneOf("price", "blended", "blended", "input", "output"),
            },
            "price-compare" => new PriceCompareClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location, Reading = reading, Role = role, Note = note,
                Model = f.String("model"), Value = f.Double("value"), Tolerance = f.DoubleOrNull("tolerance") ?? 0.05,
                Others = f.StringList("others"), OthersAtLeast = f.Double("others-at-least"), Price = f.OneOf("price", "output", "blended", "input", "output"),
            },
            "training-cost-below" => new TrainingCostClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location, Reading = reading, Role = role, Note = note,
                Model = f.String("model"), MaxUsd = f.Double("max-usd"),
            },
            "gap-trend" => new GapTrendClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location, Reading = reading, Role = role, Note = note,
                Board = Board(), Leader = f.String("leader").ToUpperInvariant(), Challenger = f.String("challenger").ToUpperInvariant(),
                From = f.DateOrNull("from"), To = f.DateOrNull("to"), Direction = f.OneOf("direction", "closing", "closing", "widening"),
            },
            "benchmark-ratio" => new BenchmarkRatioClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location, Reading = reading, Role = role, Note = note,
                Challenger = f.String("challenger"), Leader = f.String("leader"), Benchmarks = f.Has("benchmarks") ? f.StringList("benchmarks") : [],
                Min = f.Double("min"), Max = f.Double("max"),
            },
            "series-value" or "investment" or "token-share" when f.Has("values") || type == "series-value" => new SeriesValueClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location, Reading = reading, Role = role, Note = note,
                Series = f.StringOrNull("series") ?? (type == "investment" ? "investment" : type == "token-share" ? "token_share" : throw f.Fail("series", "is missing")),
                Values = Values(f),
            },
            "series-ratio" => new SeriesRatioClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location, Reading = reading, Role = role, Note = note,
                Series = f.String("series"), Numerator = f.Mapping("numerator"), Denominator = f.Mapping("denominator"),
                Min = f.DoubleOrNull("min") ?? double.NegativeInfinity, Max = f.DoubleOrNull("max") ?? double.PositiveInfinity,
            },
            "token-share" or "investment" or "no-data" => new NoDataClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location, Reading = reading, Role = role, Note = note,
                Subject = f.String("subject"), WouldDecide = f.String("would-decide"),
            },
            _ => throw f.Fail("type", $"has unknown claim type '{type}' (known: {string.Join(", ", Types.Keys)})"),
        };
    }

    private static IReadOnlyList<SeriesValue> Values(ClaimFields f)
    {
        var defaultTolerance = f.DoubleOrNull("tolerance") ?? 0;
        var defaultOp = f.OneOf("op", "about", "about", "at-least", "at-most");
        var values = new List<SeriesValue>();
        foreach (var node in f.MappingList("values"))
        {
            var map = f.ScalarsOf(node, "values");
            double Number(string key, string text) => double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
                ? v
                : throw f.Fail("values", $"'{key}' must be a number, got '{text}'");
            var claimed = map.Remove("claimed", out var c) ? Number("claimed", c) : throw f.Fail("values", "needs 'claimed' in every entry");
            var tolerance = map.Remove("tolerance", out var t) ? Number("tolerance", t) : defaultTolerance;
            var op = map.Remove("op", out var o) ? o : defaultOp;
            if (op is not ("about" or "at-least" or "at-most"))
            {
                throw f.Fail("values", $"'op' must be about, at-least or at-most, got '{op}'");
            }

            if (map.Count == 0)
            {
                throw f.Fail("values", "needs at least one column: value filter in every entry");
            }

            values.Add(new SeriesValue(map, claimed, op, tolerance));
        }

        return values;
    }
}
