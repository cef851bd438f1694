using System.Globalization;
using System.Text.Json;
using Parity.Catalog.Pricing;

namespace Parity.Catalog.Feeds;

/// <summary>Reads typed values out of feed JSON, turning a wrong type into an error that names file, record and field.</summary>
internal readonly struct JsonValues(string file, string record)
{
    public string Record => record;

    public ParityException Error(string field, string problem) => FeedError.At(file, record, field, problem);

    public string? String(JsonElement parent, string field, bool required = false)
    {
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw FeedError.At(file, record, field, "is missing.") : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw FeedError.At(file, record, field, $"must be a string, got {Describe(value)}.");
        }

        var text = value.GetString()!;
        return required && string.IsNullOrWhiteSpace(text) ? throw FeedError.At(file, record, field, "is empty.") : text;
    }

    public long? Integer(JsonElement parent, string field)
    {
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && number == decimal.Truncate(number) && number is >= 0 and <= long.MaxValue)
        {
            return (long)number;
        }

        throw FeedError.At(file, record, field, $"must be a whole number of tokens, got {Describe(value)}.");
    }

    public decimal? Number(JsonElement parent, string field)
    {
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return NumberValue(value, field);
    }

    /// <summary>A JSON number from 0 to <see cref="FeedNumber.Largest"/>: every number the feeds hold is a price or a count.</summary>
    public decimal NumberValue(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw FeedError.At(file, record, field, $"must be a number, got {Describe(value)}.");
        }

        var problem = value.TryGetDecimal(out var number) ? FeedNumber.Problem(number) : FeedNumber.OutOfRange;
        return problem is null ? number : throw FeedError.At(file, record, field, $"{problem}, got {Describe(value)}.");
    }

    /// <summary>A decimal written as a JSON string, as OpenRouter writes prices; the same range as <see cref="NumberValue"/>.</summary>
    public decimal? NumberInString(JsonElement parent, string field)
    {
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String
            || !decimal.TryParse(value.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
        {
            throw FeedError.At(file, record, field, $"must be a decimal number in a string, got {Describe(value)}.");
        }

        var problem = FeedNumber.Problem(number);
        return problem is null ? number : throw FeedError.At(file, record, field, $"{problem}, got {Describe(value)}.");
    }

    /// <summary>A whole number of tokens, as a tier's or a range's start is, from a number already read.</summary>
    public long Tokens(decimal value, string field) =>
        value == decimal.Truncate(value) && value <= long.MaxValue
            ? (long)value
            : throw FeedError.At(file, record, field, $"must be a whole number of tokens, got {value}.");

    /// <summary>A genai-prices price: a number, or <c>{"base": n, "tiers": [{"start": n, "price": n}]}</c>.</summary>
    public TieredRate? Rate(JsonElement parent, string field, string path)
    {
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return TieredRate.Flat(NumberValue(value, path));
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw FeedError.At(file, record, path, $"must be a number or a tiered price, got {Describe(value)}.");
        }

        var baseRate = value.TryGetProperty("base", out var b) ? NumberValue(b, path + ".base") : throw FeedError.At(file, record, path + ".base", "is missing.");
        if (!value.TryGetProperty("tiers", out var tiersElement) || tiersElement.ValueKind != JsonValueKind.Array)
        {
            throw FeedError.At(file, record, path + ".tiers", "must be an array.");
        }

        var tiers = new List<RateTier>();
        var i = 0;
        foreach (var tier in tiersElement.EnumerateArray())
        {
            var at = $"{path}.tiers[{i++}]";
            var start = tier.ValueKind == JsonValueKind.Object && tier.TryGetProperty("start", out var s) ? NumberValue(s, at + ".start") : throw FeedError.At(file, record, at + ".start", "is missing.");
            var price = tier.TryGetProperty("price", out var p) ? NumberValue(p, at + ".price") : throw FeedError.At(file, record, at + ".price", "is missing.");
            tiers.Add(new RateTier(Tokens(start, at + ".start"), price));
        }

        return new TieredRate(baseRate, [.. tiers.OrderBy(t => t.AboveInputTokens)]);
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
