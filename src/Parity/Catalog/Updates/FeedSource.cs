using Parity.Arena;
using Parity.Catalog.Feeds;

namespace Parity.Catalog.Updates;

/// <summary>One public feed <c>parity update</c> downloads: its name, where its publisher puts it, and what it holds.</summary>
/// <param name="Name">The name on the command line (<c>litellm</c>, <c>genai-prices</c>, <c>arena</c>, …).</param>
/// <param name="Url">The published location (overridable per run).</param>
/// <param name="Format">The feed format the catalog importer reads; null for a leaderboard.</param>
/// <param name="Extension">The file extension of the kept copy.</param>
/// <param name="Board">For LMArena's published leaderboards (arena-catalog format): the board the file is (<c>text</c>, <c>text-style-control</c>).</param>
public sealed record FeedSource(string Name, string Url, FeedFormat? Format, string Extension, string? Board = null)
{
    /// <summary>The feeds and their publishers' addresses.</summary>
    public static IReadOnlyList<FeedSource> Defaults { get; } =
    [
        new("arena", "https://raw.githubusercontent.com/lmarena/arena-catalog/main/data/leaderboard-text.json", null, ".json", LeaderboardHistory.TextBoard),
        new("arena-style-control", "https://raw.githubusercontent.com/lmarena/arena-catalog/main/data/leaderboard-text-style-control.json", null, ".json", LeaderboardHistory.StyleControlBoard),
        new("genai-prices", "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/data.json", FeedFormat.GenAiPrices, ".json"),
        new("litellm", "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json", FeedFormat.LiteLlm, ".json"),
        new("openrouter", "https://openrouter.ai/api/v1/models", FeedFormat.OpenRouter, ".json"),
        new("epoch", "https://epoch.ai/data/notable_ai_models.csv", FeedFormat.Epoch, ".csv"),
    ];

    /// <summary>The names, for help and errors.</summary>
    public static IReadOnlyList<string> Names => [.. Defaults.Select(d => d.Name)];
}
