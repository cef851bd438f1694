using System.Collections.Concurrent;
using Parity.Catalog;
using Parity.Catalog.Pricing;
using Parity.Providers;

namespace Parity.Evals;

/// <summary>
/// Prices eval and battle calls with the catalog's price engine at the moment of the call. The
/// offer is OpenRouter's for <c>openrouter:</c> models and the model's primary (first-party) offer
/// otherwise. Self-hosted servers (vLLM, llama.cpp, Ollama), replayed recordings, models the
/// catalog does not know and calls without reported usage get no price (null), never 0.
/// </summary>
public sealed class CatalogCallPricer
{
    private static readonly HashSet<string> Unpriced = new(StringComparer.OrdinalIgnoreCase) { "vllm", "llamacpp", "ollama", "replay" };
    private readonly ModelCatalog _catalog;
    private readonly ConcurrentDictionary<(string, string), PriceOffer?> _offers = new();

    public CatalogCallPricer(ModelCatalog catalog)
    {
        _catalog = catalog;
    }

    /// <summary>As a <see cref="CallPricer"/>.</summary>
    public CallPricer AsPricer() => Price;

    public decimal? Price(string provider, string model, DateTimeOffset at, Providers.TokenUsage usage)
    {
        if (!usage.IsKnown || Unpriced.Contains(provider))
        {
            return null;
        }

        var offer = _offers.GetOrAdd((provider, model), key => FindOffer(key.Item1, key.Item2));
        if (offer is null)
        {
            return null;
        }

        var input = usage.PromptTokens!.Value;
        var cached = Math.Min(usage.CachedTokens ?? 0, input);
        try
        {
            return PriceEngine.Price(offer.Schedule, new Catalog.Pricing.TokenUsage(input, usage.CompletionTokens!.Value, cached), at, model, offer.Provider, offer.Source).TotalUsd;
        }
        catch (ParityException)
        {
            return null; // the offer lacks a price for a component this call used
        }
    }

    private PriceOffer? FindOffer(string provider, string model)
    {
        var entry = _catalog.Find(model);
        if (entry is null && model.Contains('/', StringComparison.Ordinal))
        {
            entry = _catalog.Find(model[(model.LastIndexOf('/') + 1)..]);
        }

        if (entry is null)
        {
            return null;
        }

        if (string.Equals(provider, "openrouter", StringComparison.OrdinalIgnoreCase))
        {
            return entry.Offers.FirstOrDefault(o => string.Equals(o.Provider, "openrouter", StringComparison.OrdinalIgnoreCase)) ?? entry.PrimaryOffer;
        }

        return entry.Offers.FirstOrDefault(o => o.FirstParty) ?? entry.PrimaryOffer;
    }
}
