using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parity.Routing;

/// <summary>
/// The router file (<c>router.json</c>): format name and version, router kind, the strong and weak models
/// and every model the router has a vector for, the feature settings and idf weights, the learned weights
/// (float32 arrays as base64), and where it was trained from (data path, SHA-256, item counts, contamination
/// list, options, time), and optionally the calibration of its scores (<see cref="RouterCalibration"/>, for a
/// gateway route's <c>strongShare</c>). Loading checks every field and names the file and field when one is wrong.
/// <para>
/// This loader is the one place a router file is checked: format and version, kind, every model name,
/// strong and weak among the models, feature settings, every weight array's length and that each value is
/// finite. Callers that route between two given models (the gateway's <c>policy: learned</c>) use
/// <see cref="LoadFor"/>, which adds the check that the file routes between those two models, so no
/// caller repeats or skips a check. Format changes stay additive: version 1 readers ignore fields they do
/// not know, and fields added later (<c>features.shapeCenter</c>, <c>features.shapeScale</c>) have
/// defaults that reproduce the files written before them.
/// </para>
/// </summary>
internal static class RouterFile
{
    public const string Format = "parity-router";
    public const int Version = 1;

    public static void Save(string path, LearnedRouter router, OutcomeSet data, int trainedItems, RouterTrainingOptions options, DateTimeOffset trainedAt, RouterCalibration? calibration = null)
    {
        var doc = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["kind"] = router.Kind.ToString().ToLowerInvariant(),
            ["strong"] = router.Strong,
            ["weak"] = router.Weak,
            ["models"] = new JsonArray(router.Models.Select(m => (JsonNode?)m).ToArray()),
            ["features"] = new JsonObject
            {
                ["kind"] = "hashed-tfidf",
                ["buckets"] = router.Features.Buckets,
                ["wordNgrams"] = new JsonArray(1, 2),
                ["charNgrams"] = new JsonArray(3, 5),
                ["hash"] = "fnv1a-32",
                ["shapeFeatures"] = new JsonArray("log words", "log numbers", "log sentences"),
                ["shapeCenter"] = new JsonArray(router.Features.ShapeCenter.Select(v => (JsonNode?)v).ToArray()),
                ["shapeScale"] = new JsonArray(router.Features.ShapeScale.Select(v => (JsonNode?)v).ToArray()),
                ["idf"] = Base64(router.Features.Idf),
            },
            ["weights"] = new JsonObject
            {
                ["rank"] = router.Rank,
                ["projection"] = Base64(router.Projection),
                ["bias"] = Base64(router.Bias),
                ["modelEmbeddings"] = Base64(router.ModelEmbeddings),
                ["output"] = Base64(router.Output),
            },
            ["training"] = new JsonObject
            {
                ["data"] = data.Source,
                ["dataSha256"] = data.Sha256,
                ["items"] = trainedItems,
                ["droppedContaminated"] = data.DroppedContaminated,
                ["contaminationList"] = data.ContaminationList,
                ["epochs"] = options.Epochs,
                ["learningRate"] = options.LearningRate,
                ["l2"] = options.L2,
                ["seed"] = options.Seed,
                ["trainedAt"] = trainedAt.ToString("O"),
            },
        };
        if (calibration is not null)
        {
            doc["calibration"] = new JsonObject
            {
                ["scores"] = calibration.Method,
                ["items"] = calibration.Items,
                ["percentiles"] = new JsonArray(calibration.Percentiles.Select(p => (JsonNode?)Math.Round(p, 6)).ToArray()),
            };
        }

        File.WriteAllText(path, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// Loads a router file for a route between <paramref name="strong"/> and <paramref name="weak"/>: every check of
    /// <see cref="Load"/>, and that the file's <c>strong</c> and <c>weak</c> fields name those models (exactly,
    /// case-insensitive), so a router trained for another pair is refused with a one-line error naming the file and field.
    /// </summary>
    public static LearnedRouter LoadFor(string path, string strong, string weak)
    {
        var router = Load(path);
        foreach (var (field, inFile, expected) in new[] { ("strong", router.Strong, strong), ("weak", router.Weak, weak) })
        {
            if (!string.Equals(inFile, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new ParityException($"{path}: field '{field}' is '{inFile}', but the route's {field} model is '{expected}'; train a router for this pair (parity route train --strong {strong} --weak {weak}).");
            }
        }

        return router;
    }

    /// <summary>Loads and checks a router file; every problem is a one-line <see cref="ParityException"/> naming the file and field.</summary>
    public static LearnedRouter Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ParityException($"{path}: no such router file.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new ParityException($"{path}: not a router file: the JSON does not parse ({ex.Message})");
        }

        if (root is not JsonObject doc)
        {
            throw new ParityException($"{path}: not a router file: the top level is not a JSON object.");
        }

        string Text(JsonObject o, string field, string where)
        {
            try
            {
                return o[field]?.GetValue<string>() ?? throw new ParityException($"{path}: field '{where}{field}' is missing.");
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                throw new ParityException($"{path}: field '{where}{field}' is not a string.");
            }
        }

        int Int(JsonObject o, string field, string where)
        {
            try
            {
                return o[field]?.GetValue<int>() ?? throw new ParityException($"{path}: field '{where}{field}' is missing.");
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                throw new ParityException($"{path}: field '{where}{field}' is not an integer.");
            }
        }

        JsonObject Obj(JsonObject o, string field) => o[field] as JsonObject ?? throw new ParityException($"{path}: field '{field}' is missing or not an object.");

        float[] Floats(JsonObject o, string field, string where, int expected)
        {
            var text = Text(o, field, where);
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                throw new ParityException($"{path}: field '{where}{field}' is not base64.");
            }

            if (bytes.Length != expected * sizeof(float))
            {
                throw new ParityException($"{path}: field '{where}{field}' holds {bytes.Length / sizeof(float)} numbers; {expected} expected.");
            }

            var values = new float[expected];
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            if (values.Any(v => !float.IsFinite(v)))
            {
                throw new ParityException($"{path}: field '{where}{field}' holds a value that is not a finite number.");
            }

            return values;
        }

        if (Text(doc, "format", "") != Format)
        {
            throw new ParityException($"{path}: field 'format' is '{doc["format"]}', not '{Format}'.");
        }

        var version = Int(doc, "version", "");
        if (version != Version)
        {
            throw new ParityException($"{path}: field 'version' is {version}; this Parity reads version {Version}.");
        }

        var kind = Text(doc, "kind", "") switch
        {
            "mf" => RouterKind.Mf,
            "logreg" => RouterKind.LogReg,
            var k => throw new ParityException($"{path}: field 'kind' is '{k}'; expected mf or logreg."),
        };
        var models = Models(doc, path);
        var strong = Text(doc, "strong", "");
        var weak = Text(doc, "weak", "");
        foreach (var (field, name) in new[] { ("strong", strong), ("weak", weak) })
        {
            if (!models.Contains(name))
            {
                throw new ParityException($"{path}: field '{field}' names '{name}', which field 'models' does not list.");
            }
        }

        var features = Obj(doc, "features");
        if (Text(features, "kind", "features.") != "hashed-tfidf")
        {
            throw new ParityException($"{path}: field 'features.kind' is '{features["kind"]}'; this Parity reads hashed-tfidf.");
        }

        var buckets = Int(features, "buckets", "features.");
        if (buckets is < 16 or > 1 << 22)
        {
            throw new ParityException($"{path}: field 'features.buckets' is {buckets}; expected 16 … 4,194,304.");
        }

        var idf = Floats(features, "idf", "features.", buckets);
        var center = Numbers(features, "shapeCenter", path, PromptFeatures.ShapeCount, positive: false);
        var scale = Numbers(features, "shapeScale", path, PromptFeatures.ShapeCount, positive: true);
        var prompt = new PromptFeatures(buckets, idf, center, scale);
        var weights = Obj(doc, "weights");
        var rank = Int(weights, "rank", "weights.");
        if (rank is < 1 or > 1024)
        {
            throw new ParityException($"{path}: field 'weights.rank' is {rank}; expected 1 … 1024.");
        }

        return new LearnedRouter
        {
            Kind = kind,
            Models = models,
            Strong = strong,
            Weak = weak,
            Features = prompt,
            Rank = rank,
            Projection = Floats(weights, "projection", "weights.", prompt.Dimension * rank),
            Bias = Floats(weights, "bias", "weights.", rank),
            ModelEmbeddings = Floats(weights, "modelEmbeddings", "weights.", models.Count * rank),
            Output = Floats(weights, "output", "weights.", rank),
            Calibration = doc["calibration"] is null ? null : Calibration(path, doc["calibration"]),
        };
    }

    private static List<string> Models(JsonObject doc, string path)
    {
        if (doc["models"] is not JsonArray array)
        {
            throw new ParityException($"{path}: field 'models' is missing or not a list.");
        }

        var models = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var name = array[i] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ParityException($"{path}: field 'models[{i}]' is not a model name.");
            }

            if (models.Contains(name))
            {
                throw new ParityException($"{path}: field 'models[{i}]' repeats '{name}'.");
            }

            models.Add(name);
        }

        if (models.Count < 2)
        {
            throw new ParityException($"{path}: field 'models' lists {models.Count} model{(models.Count == 1 ? "" : "s")}; a router needs at least two.");
        }

        return models;
    }

    /// <summary>An optional list of finite numbers (null when the field is absent, as in files written before it existed).</summary>
    private static float[]? Numbers(JsonObject o, string field, string path, int expected, bool positive)
    {
        if (o[field] is null)
        {
            return null;
        }

        if (o[field] is not JsonArray array || array.Count != expected)
        {
            throw new ParityException($"{path}: field 'features.{field}' must be a list of {expected} numbers.");
        }

        var values = new float[expected];
        for (var i = 0; i < expected; i++)
        {
            if (array[i] is not JsonValue v || !v.TryGetValue<double>(out var d) || !double.IsFinite(d) || (positive && d <= 0))
            {
                throw new ParityException($"{path}: field 'features.{field}[{i}]' is not a {(positive ? "positive " : "")}finite number.");
            }

            values[i] = (float)d;
        }

        return values;
    }

    /// <summary>The optional <c>calibration</c> field: 101 ascending percentiles of P(strong wins) in [0, 1].</summary>
    private static RouterCalibration Calibration(string path, JsonNode? node)
    {
        if (node is not JsonObject o)
        {
            throw new ParityException($"{path}: field 'calibration' is not an object.");
        }

        if (o["percentiles"] is not JsonArray list || list.Count != RouterCalibration.PercentileCount)
        {
            throw new ParityException($"{path}: field 'calibration.percentiles' must be a list of {RouterCalibration.PercentileCount} numbers (the 0th to 100th percentile of the scores).");
        }

        var percentiles = new double[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            double v;
            try
            {
                v = list[i]?.GetValue<double>() ?? double.NaN;
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                v = double.NaN;
            }

            if (!(v is >= 0 and <= 1) || (i > 0 && v < percentiles[i - 1]))
            {
                throw new ParityException($"{path}: field 'calibration.percentiles' entry {i} is {list[i]?.ToJsonString() ?? "null"}; expected ascending probabilities from 0 to 1.");
            }

            percentiles[i] = v;
        }

        string method;
        int items;
        try
        {
            method = o["scores"]?.GetValue<string>() ?? "";
            items = o["items"]?.GetValue<int>() ?? 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new ParityException($"{path}: field 'calibration.scores' must be a string and 'calibration.items' an integer.");
        }

        return new RouterCalibration(method, items, percentiles);
    }

    private static string Base64(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return Convert.ToBase64String(bytes);
    }
}
