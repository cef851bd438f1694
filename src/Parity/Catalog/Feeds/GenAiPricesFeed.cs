using System.Globalization;
using System.Text.Json;
using Parity.Catalog.Pricing;

namespace Parity.Catalog.Feeds;

/// <summary>
/// Reads the genai-prices v2 feed (<c>prices/data.json</c>, or the array bundled in the npm package):
/// providers, their models, and conditional prices. Per the feed's schema, the rule in force is the
/// last whose constraint holds (start date, or a daily UTC window), else the first; tiers are cliffs
/// on the request's input tokens.
/// </summary>
internal static class GenAiPricesFeed
{
    public static ParsedFeed Parse(string file, JsonElement root, string sourceDate, string label)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new ParityException($"{file}: a genai-prices feed is a JSON array of providers.");
        }

        var records = new List<FeedRecord>();
        var providerIndex = 0;
        foreach (var provider in root.EnumerateArray())
        {
            providerIndex++;
            var providerValues = new JsonValues(file, $"provider #{providerIndex}");
            if (provider.ValueKind != JsonValueKind.Object)
            {
                throw new ParityException($"{file}: provider #{providerIndex} is not an object.");
            }

            var providerId = providerValues.String(provider, "id", required: true)!;
            if (!provider.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array)
            {
                throw FeedError.At(file, $"provider '{providerId}'", "models", "must be an array.");
            }

            var modelIndex = 0;
            foreach (var model in models.EnumerateArray())
            {
                modelIndex++;
                var where = $"provider '{providerId}', model #{modelIndex}";
                if (model.ValueKind != JsonValueKind.Object)
                {
                    throw new ParityException($"{file}: {where} is not an object.");
                }

                var id = new JsonValues(file, where).String(model, "id", required: true)!;
                var values = new JsonValues(file, $"provider '{providerId}', model '{id}' (#{modelIndex})");
                var names = new List<string>();
                if (model.TryGetProperty("match", out var match))
                {
                    CollectNames(match, names);
                }

                records.Add(new FeedRecord
                {
                    Key = id,
                    Provider = providerId,
                    Name = values.String(model, "name"),
                    OtherNames = names.Where(n => n != id).Distinct().ToList(),
                    ContextWindow = values.Integer(model, "context_window"),
                    Prices = Schedule(model, values),
                });
            }
        }

        return new ParsedFeed(FeedFormat.GenAiPrices, label, sourceDate, records);
    }

    private static PriceSchedule Schedule(JsonElement model, JsonValues values)
    {
        if (!model.TryGetProperty("prices", out var prices))
        {
            throw values.Error("prices", "is missing.");
        }

        var comment = values.String(model, "price_comments");
        if (prices.ValueKind == JsonValueKind.Object)
        {
            return new PriceSchedule([new PriceRule(Prices(prices, values, "prices"))], comment);
        }

        if (prices.ValueKind != JsonValueKind.Array || prices.GetArrayLength() == 0)
        {
            throw values.Error("prices", "must be a price object or a non-empty array of conditional prices.");
        }

        var rules = new List<PriceRule>();
        var i = 0;
        foreach (var conditional in prices.EnumerateArray())
        {
            var path = $"prices[{i++}]";
            if (conditional.ValueKind != JsonValueKind.Object || !conditional.TryGetProperty("prices", out var inner) || inner.ValueKind != JsonValueKind.Object)
            {
                throw values.Error(path + ".prices", "must be a price object.");
            }

            var set = Prices(inner, values, path + ".prices");
            if (!conditional.TryGetProperty("constraint", out var constraint) || constraint.ValueKind == JsonValueKind.Null)
            {
                rules.Add(new PriceRule(set));
                continue;
            }

            var type = values.String(constraint, "type");
            if (type == "start_date" || (type is null && constraint.TryGetProperty("start_date", out _)))
            {
                var text = values.String(constraint, "start_date", required: true)!;
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw values.Error(path + ".constraint.start_date", $"must be a date (YYYY-MM-DD), got \"{text}\".");
                }

                rules.Add(new PriceRule(set, StartDate: date));
            }
            else if (type == "time_of_date" || (type is null && constraint.TryGetProperty("start_time", out _)))
            {
                var start = Time(values.String(constraint, "start_time", required: true)!, values, path + ".constraint.start_time");
                var end = Time(values.String(constraint, "end_time", required: true)!, values, path + ".constraint.end_time");
                rules.Add(new PriceRule(set, WindowStart: start, WindowEnd: end));
            }
            else
            {
                throw values.Error(path + ".constraint.type", $"must be start_date or time_of_date, got \"{type}\".");
            }
        }

        return new PriceSchedule(rules, comment);
    }

    private static PriceSet Prices(JsonElement prices, JsonValues values, string path) => new(
        values.Rate(prices, "input_mtok", path + ".input_mtok"),
        values.Rate(prices, "output_mtok", path + ".output_mtok"),
        values.Rate(prices, "cache_read_mtok", path + ".cache_read_mtok"),
        values.Rate(prices, "cache_write_mtok", path + ".cache_write_mtok"));

    /// <summary>"00:30:00Z" or "08:30:00+08:00" → the UTC time of day.</summary>
    private static TimeOnly Time(string text, JsonValues values, string path)
    {
        var withDate = "2000-01-01T" + text;
        if (!DateTimeOffset.TryParse(withDate, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var moment))
        {
            throw values.Error(path, $"must be a time of day such as 00:30:00Z, got \"{text}\".");
        }

        return TimeOnly.FromTimeSpan(moment.UtcDateTime.TimeOfDay);
    }

    private static void CollectNames(JsonElement clause, List<string> names)
    {
        if (clause.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in clause.EnumerateObject())
        {
            switch (property.Name)
            {
                case "equals" or "starts_with" when property.Value.ValueKind == JsonValueKind.String:
                    names.Add(property.Value.GetString()!);
                    break;
                case "or" when property.Value.ValueKind == JsonValueKind.Array:
                    foreach (var inner in property.Value.EnumerateArray())
                    {
                        CollectNames(inner, names);
                    }

                    break;
            }
        }
    }
}
