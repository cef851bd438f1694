using System.Text.Json;
using System.Text.RegularExpressions;
using Parity.Catalog.Pricing;

namespace Parity.Catalog.Feeds;

/// <summary>
/// Reads LiteLLM's model cost map: one object keyed by model name, prices in US dollars per token
/// (converted here to per million, exactly), long-context tiers as <c>*_above_200k_tokens</c> fields.
/// </summary>
internal static partial class LiteLlmFeed
{
    public static ParsedFeed Parse(string file, JsonElement root, string fileDate, string label)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ParityException($"{file}: a LiteLLM price map is a JSON object keyed by model name.");
        }

        var records = new List<FeedRecord>();
        var sourceDate = fileDate;
        foreach (var entry in root.EnumerateObject())
        {
            if (entry.Name == "sample_spec")
            {
                continue;
            }

            if (entry.Name == "last_updated" && entry.Value.ValueKind == JsonValueKind.String)
            {
                var text = entry.Value.GetString()!;
                sourceDate = text.Length >= 10 ? text[..10] : text;
                continue;
            }

            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                throw new ParityException($"{file}: a model's key is empty; LiteLLM keys each model by its name.");
            }

            var values = new JsonValues(file, $"model '{entry.Name}'");
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                throw new ParityException($"{file}: model '{entry.Name}' is not an object.");
            }

            var model = entry.Value;
            var tierFields = TierFields(model);
            var input = Rate(model, values, "input_cost_per_token", tierFields);
            var output = Rate(model, values, "output_cost_per_token", tierFields);
            if (input is null && output is null && model.TryGetProperty("tiered_pricing", out var tiered) && IsTokenPriced(tiered))
            {
                (input, output) = RangeTiers(tiered, values);
            }

            var cached = Rate(model, values, "cache_read_input_token_cost", tierFields);
            var write = Rate(model, values, "cache_creation_input_token_cost", tierFields);
            records.Add(new FeedRecord
            {
                Key = entry.Name,
                Provider = values.String(model, "litellm_provider"),
                ContextWindow = values.Integer(model, "max_input_tokens"),
                Url = values.String(model, "source"),
                Prices = input is null && output is null ? null : PriceSchedule.Flat(new PriceSet(input, output, cached, write)),
            });
        }

        return new ParsedFeed(FeedFormat.LiteLlm, label, sourceDate, records);
    }

    /// <summary>The per-token field and its <c>{field}_above_{n}k_tokens</c> tiers (from <paramref name="tierFields"/>), per million tokens.</summary>
    private static TieredRate? Rate(JsonElement model, JsonValues values, string field, List<JsonProperty>? tierFields)
    {
        var basePrice = values.Number(model, field);
        if (basePrice is null)
        {
            return null;
        }

        List<RateTier>? tiers = null;
        foreach (var property in tierFields ?? [])
        {
            var name = property.Name;
            if (name.Length <= field.Length + 7 || !name.StartsWith(field, StringComparison.Ordinal) || string.CompareOrdinal(name, field.Length, "_above_", 0, 7) != 0)
            {
                continue;
            }

            var match = TierSuffix().Match(name, field.Length + 7, name.Length - field.Length - 7);
            if (!match.Success)
            {
                continue;
            }

            if (!long.TryParse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var thousands) || thousands > long.MaxValue / 1000)
            {
                throw values.Error(name, "names a token count that is out of range.");
            }

            var threshold = thousands * 1000;
            (tiers ??= []).Add(new RateTier(threshold, Decimals.PerMillion(values.NumberValue(property.Value, name))));
        }

        return new TieredRate(Decimals.PerMillion(basePrice.Value), tiers is null ? [] : [.. tiers.OrderBy(t => t.AboveInputTokens)]);
    }

    /// <summary>The entry's <c>*_above_*</c> properties, found in one pass over the entry.</summary>
    private static List<JsonProperty>? TierFields(JsonElement model)
    {
        List<JsonProperty>? result = null;
        foreach (var property in model.EnumerateObject())
        {
            if (property.Name.Contains("_above_", StringComparison.Ordinal))
            {
                (result ??= []).Add(property);
            }
        }

        return result;
    }

    /// <summary>Tiered token prices, as opposed to LiteLLM's tiered per-query prices for search tools.</summary>
    private static bool IsTokenPriced(JsonElement tiered) =>
        tiered.ValueKind != JsonValueKind.Array
        || tiered.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.Object && (t.TryGetProperty("input_cost_per_token", out _) || t.TryGetProperty("range", out _)));

    /// <summary>
    /// <c>"tiered_pricing": [{"range": [0, 32000], "input_cost_per_token": …}, …]</c> (Alibaba's DashScope
    /// models): the request's input size selects the range, and its rates apply to every token.
    /// </summary>
    private static (TieredRate? Input, TieredRate? Output) RangeTiers(JsonElement tiered, JsonValues values)
    {
        if (tiered.ValueKind != JsonValueKind.Array || tiered.GetArrayLength() == 0)
        {
            throw values.Error("tiered_pricing", "must be a non-empty array.");
        }

        var ranges = new List<(long Start, decimal Input, decimal Output)>();
        var i = 0;
        foreach (var range in tiered.EnumerateArray())
        {
            var path = $"tiered_pricing[{i++}]";
            if (range.ValueKind != JsonValueKind.Object || !range.TryGetProperty("range", out var bounds) || bounds.ValueKind != JsonValueKind.Array || bounds.GetArrayLength() < 1)
            {
                throw values.Error(path + ".range", "must be an array [start, end].");
            }

            var start = values.Tokens(values.NumberValue(bounds[0], path + ".range[0]"), path + ".range[0]");
            var input = values.Number(range, "input_cost_per_token") ?? throw values.Error(path + ".input_cost_per_token", "is missing.");
            var output = values.Number(range, "output_cost_per_token") ?? throw values.Error(path + ".output_cost_per_token", "is missing.");
            ranges.Add((start, input, output));
        }

        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var first = ranges[0];
        var inputTiers = ranges.Skip(1).Select(r => new RateTier(r.Start, Decimals.PerMillion(r.Input))).ToList();
        var outputTiers = ranges.Skip(1).Select(r => new RateTier(r.Start, Decimals.PerMillion(r.Output))).ToList();
        return (new TieredRate(Decimals.PerMillion(first.Input), inputTiers), new TieredRate(Decimals.PerMillion(first.Output), outputTiers));
    }

    [GeneratedRegex(@"\G(\d+)k_tokens$")]
    private static partial Regex TierSuffix();
}
