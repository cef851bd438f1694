namespace Parity.Catalog.Pricing;

/// <summary>
/// Prices requests. Decimal arithmetic throughout, so a price is exact to the cent fraction the
/// sources state. The rule in force at the moment is chosen by <see cref="PriceSchedule.RuleAt"/>;
/// a long-context tier is chosen by the request's whole input (cached tokens included) and then
/// applies to every token of each kind, as the providers bill.
/// </summary>
public static class PriceEngine
{
    /// <summary>Prices <paramref name="usage"/> at <paramref name="at"/> with one provider's schedule.</summary>
    public static PriceQuote Price(PriceSchedule schedule, TokenUsage usage, DateTimeOffset at, string modelId, string provider, FactSource source)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(usage);
        usage.Validate();
        var rule = schedule.RuleAt(at);
        var prices = rule.Prices;
        var lines = new List<PriceLine>(4);

        // Cache reads and writes fall back to the plain input rate when the source gives none for them.
        var cachedRate = prices.CachedInput ?? prices.Input;
        var writeRate = prices.CacheWrite ?? prices.Input;
        var uncached = usage.InputTokens - usage.CachedInputTokens - usage.CacheWriteTokens;
        Add(lines, "input", uncached, prices.Input, usage.InputTokens, required: usage.InputTokens > 0);
        Add(lines, "cached-input", usage.CachedInputTokens, cachedRate, usage.InputTokens, required: false);
        Add(lines, "cache-write", usage.CacheWriteTokens, writeRate, usage.InputTokens, required: false);
        Add(lines, "output", usage.OutputTokens, prices.Output, usage.InputTokens, required: usage.OutputTokens > 0);

        if ((uncached > 0 && prices.Input is null) || (usage.OutputTokens > 0 && prices.Output is null))
        {
            var missing = prices.Input is null ? "input" : "output";
            throw new ParityException($"{source.Name} has no {missing} price for '{modelId}' at {provider}.");
        }

        var total = lines.Sum(l => l.Usd);
        return new PriceQuote(modelId, provider, at, usage, rule, lines, total, source);
    }

    /// <summary>Prices <paramref name="usage"/> at <paramref name="at"/> with the model's primary offer, or the offer of <paramref name="provider"/>.</summary>
    public static PriceQuote Price(CatalogModel model, TokenUsage usage, DateTimeOffset at, string? provider = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var offer = provider is null
            ? model.PrimaryOffer
            : model.Offers.FirstOrDefault(o => string.Equals(o.Provider, provider, StringComparison.OrdinalIgnoreCase));
        if (offer is null)
        {
            throw new ParityException(provider is null
                ? $"No source in the catalog has a price for '{model.Id}'."
                : $"No source in the catalog has a price for '{model.Id}' at '{provider}'. Providers: {string.Join(", ", model.Offers.Select(o => o.Provider))}.");
        }

        return Price(offer.Schedule, usage, at, model.Id, offer.Provider, offer.Source);
    }

    private static void Add(List<PriceLine> lines, string component, long tokens, TieredRate? rate, long inputTokens, bool required)
    {
        if (rate is null || (tokens == 0 && !required))
        {
            return;
        }

        var (usdPerMtok, tier) = rate.RateFor(inputTokens);
        lines.Add(new PriceLine(component, tokens, usdPerMtok, Decimals.Normalize(tokens * usdPerMtok / 1_000_000m), tier));
    }
}
