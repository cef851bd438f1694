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
    private const decimal Million = 1_000_000m;

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

            var values = new JsonValues(file, $"model '{entry.Name}'");
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                throw new ParityException($"{file}: model '{entry.Name}' is not an object.");
            }

            var model = entry.Value;
            var input = Rate(model, values, "input_cost_per_token");
            var output = Rate(model, values, "output_cost_per_token");
            var cached = Rate(model, values, "cache_read_input_token_cost");
            var write = Rate(model, values, "cache_creation_input_token_cost");
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

    /// <summary>The per-token field and its <c>{field}_above_{n}k_tokens</c> tiers, per million tokens.</summary>
    private static TieredRate? Rate(JsonElement model, JsonValues values, string field)
    {
        var basePrice = values.Number(model, field);
        var tiers = new List<RateTier>();
        foreach (var property in model.EnumerateObject())
        {
            if (!property.Name.StartsWith(field + "_above_", StringComparison.Ordinal))
            {
                continue;
            }

            var match = TierSuffix().Match(property.Name[(field.Length + 7)..]);
            if (!match.Success)
            {
                continue;
            }

            var threshold = long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 1000;
            tiers.Add(new RateTier(threshold, values.NumberValue(property.Value, property.Name) * Million));
        }

        if (basePrice is null)
        {
            return null;
        }

        return new TieredRate(basePrice.Value * Million, [.. tiers.OrderBy(t => t.AboveInputTokens)]);
    }

    [GeneratedRegex(@"^(\d+)k_tokens$")]
    private static partial Regex TierSuffix();
}
