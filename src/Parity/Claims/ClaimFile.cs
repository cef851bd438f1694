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
    /// <summary>The claim types and their parameters, for help text.</summary>
    public static IReadOnlyDictionary<string, string> Types { get; } = new Dictionary<string, string>
    {
        ["rating-range"] = "board, date?, models, min, max — every model's score lies in [min, max]",
        ["rating-at-least"] = "board, date?, models (trailing * = all variants), min, quantifier? (all|any) — scores ≥ min",
        ["rank-top-n"] = "board, date?, families (names or lists of names), n — each family's best ranks ≤ n",
        ["capability-ratio"] = "board, date?, country?, open-weights?, min, max — group best vs leader on the win-probability scale",
        ["price-ratio"] = "cheaper, dearer, min, max, price? (blended|input|output) — dearer/cheaper price in [min, max]",
        ["price-compare"] = "model, value, tolerance?, others, others-at-least, price? — model costs value, others ≥ floor",
        ["training-cost-below"] = "model, max-usd — final training run cost below max-usd",
        ["gap-trend"] = "board, leader, challenger (ISO countries), from?, to?, direction (closing|widening)",
        ["token-share"] = "subject, would-decide — Parity has no usage data: always unconfirmed",
        ["investment"] = "subject, would-decide — Parity has no investment data: always unconfirmed",
    };

    /// <summary>The claims file that ships with Parity.</summary>
    public static IReadOnlyList<Claim> LoadShipped() => Load(ShippedData.PathOf("claims/claims.yaml"));

    /// <summary>Loads and validates a claims file.</summary>
    public static IReadOnlyList<Claim> Load(string path)
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
                throw new ParityException($"{fields.Location}: claim '{fields.Id}': the id is used twice.");
            }

            var claim = Parse(fields);
            fields.RejectUnknown();
            result.Add(claim);
        }

        return result;
    }

    private static Claim Parse(ClaimFields f)
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
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location,
                Board = Board(), Date = f.DateOrNull("date"), Models = f.StringList("models"), Min = f.Double("min"), Max = f.Double("max"),
            },
            "rating-at-least" => new RatingAtLeastClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location,
                Board = Board(), Date = f.DateOrNull("date"), Models = f.StringList("models"), Min = f.Double("min"),
                Quantifier = f.OneOf("quantifier", "all", "all", "any"),
            },
            "rank-top-n" => new RankTopNClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location,
                Board = Board(), Date = f.DateOrNull("date"), Families = f.ListOfLists("families"), N = f.Int("n"),
            },
            "capability-ratio" => new CapabilityRatioClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location,
                Board = Board(), Date = f.DateOrNull("date"), Country = f.StringOrNull("country")?.ToUpperInvariant(),
                OpenWeights = f.BoolOrNull("open-weights"), Min = f.Double("min"), Max = f.Double("max"),
            },
            "price-ratio" => new PriceRatioClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location,
                Cheaper = f.StringList("cheaper"), Dearer = f.StringList("dearer"), Min = f.Double("min"), Max = f.Double("max"),
                Price = f.OneOf("price", "blended", "blended", "input", "output"),
            },
            "price-compare" => new PriceCompareClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location,
                Model = f.String("model"), Value = f.Double("value"), Tolerance = f.DoubleOrNull("tolerance") ?? 0.05,
                Others = f.StringList("others"), OthersAtLeast = f.Double("others-at-least"), Price = f.OneOf("price", "output", "blended", "input", "output"),
            },
            "training-cost-below" => new TrainingCostClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location,
                Model = f.String("model"), MaxUsd = f.Double("max-usd"),
            },
            "gap-trend" => new GapTrendClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location,
                Board = Board(), Leader = f.String("leader").ToUpperInvariant(), Challenger = f.String("challenger").ToUpperInvariant(),
                From = f.DateOrNull("from"), To = f.DateOrNull("to"), Direction = f.OneOf("direction", "closing", "closing", "widening"),
            },
            "token-share" or "investment" => new NoDataClaim
            {
                Id = id, Sentence = sentence, Said = said, Type = type, Location = location,
                Subject = f.String("subject"), WouldDecide = f.String("would-decide"),
            },
            _ => throw f.Fail("type", $"has unknown claim type '{type}' (known: {string.Join(", ", Types.Keys)})"),
        };
    }
}
