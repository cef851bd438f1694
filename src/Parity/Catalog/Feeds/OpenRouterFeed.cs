using System.Globalization;
using System.Text.Json;
using Parity.Catalog.Pricing;

namespace Parity.Catalog.Feeds;

/// <summary>Reads a <c>GET https://openrouter.ai/api/v1/models</c> response: <c>{"data": [...]}</c>, prices as decimal strings per token.</summary>
internal static class OpenRouterFeed
{
    public const string ProviderId = "openrouter";

    /// <summary>
    /// Routers such as openrouter/auto have no price of their own and say so with "-1" for both the
    /// prompt and the completion price; any other negative price is an error.
    /// </summary>
    private static bool IsRouter(JsonElement pricing) =>
        pricing.ValueKind == JsonValueKind.Object
        && pricing.TryGetProperty("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.String && prompt.ValueEquals("-1")
        && pricing.TryGetProperty("completion", out var completion) && completion.ValueKind == JsonValueKind.String && completion.ValueEquals("-1");

    public static ParsedFeed Parse(string file, JsonElement root, string fileDate, string label)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new ParityException($"{file}: an OpenRouter models response is a JSON object with a 'data' array.");
        }

        var records = new List<FeedRecord>();
        long newest = 0;
        var index = 0;
        foreach (var model in data.EnumerateArray())
        {
            index++;
            if (model.ValueKind != JsonValueKind.Object)
            {
                throw new ParityException($"{file}: data[{index - 1}] is not an object.");
            }

            var id = new JsonValues(file, $"data[{index - 1}]").String(model, "id", required: true)!;
            var values = new JsonValues(file, $"model '{id}' (data[{index - 1}])");
            var created = values.Integer(model, "created");
            newest = Math.Max(newest, created ?? 0);
            PriceSchedule? schedule = null;
            if (model.TryGetProperty("pricing", out var pricing) && pricing.ValueKind != JsonValueKind.Null && !IsRouter(pricing))
            {
                if (pricing.ValueKind != JsonValueKind.Object)
                {
                    throw values.Error("pricing", $"must be an object, got {JsonValues.Describe(pricing)}.");
                }

                var prompt = values.NumberInString(pricing, "prompt");
                var completion = values.NumberInString(pricing, "completion");
                var cacheRead = values.NumberInString(pricing, "input_cache_read");
                var cacheWrite = values.NumberInString(pricing, "input_cache_write");
                if (prompt is not null && completion is not null)
                {
                    schedule = PriceSchedule.Flat(new PriceSet(
                        TieredRate.Flat(Decimals.PerMillion(prompt.Value)),
                        TieredRate.Flat(Decimals.PerMillion(completion.Value)),
                        cacheRead is null ? null : TieredRate.Flat(Decimals.PerMillion(cacheRead.Value)),
                        cacheWrite is null ? null : TieredRate.Flat(Decimals.PerMillion(cacheWrite.Value))));
                }
            }

            var huggingFace = values.String(model, "hugging_face_id");
            records.Add(new FeedRecord
            {
                Key = id,
                Provider = ProviderId,
                Name = values.String(model, "name"),
                OtherNames = string.IsNullOrEmpty(huggingFace) ? [] : [huggingFace],
                ContextWindow = values.Integer(model, "context_length"),
                Released = created is > 0 ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(created.Value).UtcDateTime) : null,
                Prices = schedule,
                Url = "https://openrouter.ai/" + id,
            });
        }

        var date = newest > 0 ? DateTimeOffset.FromUnixTimeSeconds(newest).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : fileDate;
        return new ParsedFeed(FeedFormat.OpenRouter, label, date, records);
    }
}
