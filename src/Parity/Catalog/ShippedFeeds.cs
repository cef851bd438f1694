using Parity.Catalog.Feeds;

namespace Parity.Catalog;

/// <summary>The feed snapshots that ship under <c>data/catalog/</c>, in the order they are overlaid.</summary>
internal static class ShippedFeeds
{
    public static IEnumerable<(string File, ParsedFeed Feed)> Load()
    {
        // The npm package bundles the feed; its publication date is the date of the data.
        var genai = ShippedData.PathOf("catalog/genai-prices_npm-0.1.8.json");
        yield return (genai, FeedReader.Read(genai, FeedFormat.GenAiPrices, "genai-prices npm 0.1.8", "2026-09-23"));

        var litellm = ShippedData.PathOf("catalog/litellm_subset_2026-07-24.json");
        yield return (litellm, FeedReader.Read(litellm, FeedFormat.LiteLlm, "LiteLLM price map (BerriAI/litellm via RoCry/llm-api-price @ 8442b93)"));

        var epoch = ShippedData.PathOf("catalog/epoch_notable_subset_2026-07.csv");
        yield return (epoch, FeedReader.Read(epoch, FeedFormat.Epoch, "Epoch AI Notable AI Models (CC-BY 4.0)"));
    }
}
