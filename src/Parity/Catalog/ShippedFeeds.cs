using Parity.Catalog.Feeds;

namespace Parity.Catalog;

/// <summary>The feed snapshots that ship under <c>data/catalog/</c>, in the order they are overlaid.</summary>
internal static class ShippedFeeds
{
    /// <summary>
    /// Adds genai-prices' <c>prices_checked</c> dates, which its JSON feed drops, from the list cut out
    /// of its provider YAMLs (repository commit 47df840, a month older than the npm package).
    /// </summary>
    internal static ParsedFeed WithPricesChecked(ParsedFeed feed, string path)
    {
        var checkedOn = new Dictionary<(string, string), DateOnly>();
        foreach (var row in CsvRow.Read(path))
        {
            if (DateOnly.TryParseExact(row.Field("prices_checked"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
            {
                checkedOn[(row.Field("provider"), row.Field("model"))] = date;
            }
        }

        var records = feed.Records
            .Select(r => r.Provider is not null && checkedOn.TryGetValue((r.Provider, r.Key), out var date) ? r with { PricesChecked = date } : r)
            .ToList();
        return feed with { Records = records };
    }

    public static IEnumerable<(string File, ParsedFeed Feed)> Load()
    {
        // The npm package bundles the feed; its publication date is the date of the data.
        var genai = ShippedData.PathOf("catalog/genai-prices_npm-0.1.8.json");
        var feed = FeedReader.Read(genai, FeedFormat.GenAiPrices, "genai-prices npm 0.1.8", "2026-09-23");
        yield return (genai, WithPricesChecked(feed, ShippedData.PathOf("catalog/genai-prices_prices-checked_47df840.csv")));

        var litellm = ShippedData.PathOf("catalog/litellm_subset_2026-07-24.json");
        yield return (litellm, FeedReader.Read(litellm, FeedFormat.LiteLlm, "LiteLLM price map (BerriAI/litellm via RoCry/llm-api-price @ 8442b93)"));

        // A subset of rows: the date is the full file's (commit 2026-07-19), not the newest row kept.
        var epoch = ShippedData.PathOf("catalog/epoch_notable_subset_2026-07.csv");
        yield return (epoch, FeedReader.Read(epoch, FeedFormat.Epoch, "Epoch AI Notable AI Models (CC-BY 4.0)", "2026-07-19"));
    }
}
