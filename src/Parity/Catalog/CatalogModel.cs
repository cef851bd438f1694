using Parity.Catalog.Pricing;

namespace Parity.Catalog;

/// <summary>One model of the catalog, every fact with its source.</summary>
public sealed class CatalogModel
{
    /// <summary>The canonical id, e.g. <c>deepseek-v3</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    public required string Name { get; init; }

    /// <summary>Every other spelling the sources use for this model.</summary>
    public required IReadOnlyList<string> Aliases { get; init; }

    /// <summary>The maker, with its country of origin.</summary>
    public required Fact<Organization> Organization { get; init; }

    /// <summary>Whether the weights are published.</summary>
    public Fact<bool>? OpenWeights { get; init; }

    /// <summary>The licence of the weights, or "proprietary".</summary>
    public Fact<string>? Licence { get; init; }

    /// <summary>Dense or MoE, total and active parameters.</summary>
    public Fact<Architecture>? Architecture { get; init; }

    /// <summary>Maximum input tokens.</summary>
    public Fact<long>? ContextWindow { get; init; }

    /// <summary>Publication or release date.</summary>
    public Fact<DateOnly>? Released { get; init; }

    /// <summary>Training facts (parameters, compute, hardware, cost) from Epoch AI, when it covers the model.</summary>
    public TrainingFacts? Training { get; init; }

    /// <summary>Every provider's prices, primary offer first.</summary>
    public required IReadOnlyList<PriceOffer> Offers { get; init; }

    /// <summary>Where sources disagree.</summary>
    public required IReadOnlyList<SourceDisagreement> Disagreements { get; init; }

    /// <summary>The offer used for "the" price: the maker's own API when a source has it, else OpenRouter, else the first.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public PriceOffer? PrimaryOffer => Offers.Count > 0 ? Offers[0] : null;

    /// <summary>The primary offer's list prices on the date of <paramref name="at"/> (the rule in force most of that day).</summary>
    public PriceSet? ListPrices(DateTimeOffset at) => PrimaryOffer?.Schedule.StandardRuleOn(at).Prices;

    /// <summary>Blended list price per million tokens, 3 input : 1 output (the usual chat mix), or null without prices.</summary>
    public decimal? BlendedPrice(DateTimeOffset at)
    {
        var prices = ListPrices(at);
        return prices?.Input is null || prices.Output is null ? null : (3 * prices.Input.Base + prices.Output.Base) / 4;
    }
}
