namespace Parity.Catalog.Feeds;

/// <summary>The public feeds the catalog reads.</summary>
public enum FeedFormat
{
    /// <summary>pydantic/genai-prices: providers → models → prices with tiers, start dates and time-of-day windows.</summary>
    GenAiPrices,

    /// <summary>LiteLLM's <c>model_prices_and_context_window.json</c>: one object keyed by model name, prices per token.</summary>
    LiteLlm,

    /// <summary>OpenRouter's <c>GET /api/v1/models</c> response.</summary>
    OpenRouter,

    /// <summary>Epoch AI's model tables (CSV).</summary>
    Epoch,
}
