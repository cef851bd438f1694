using Parity.Catalog;

namespace Parity.Cli.Commands;

/// <summary>One model as <c>parity models --format json|csv</c> prints it.</summary>
internal sealed record ModelSummary(
    string Id,
    string Name,
    string Vendor,
    string Country,
    bool? OpenWeights,
    string? Licence,
    string? Architecture,
    decimal? TotalParamsB,
    decimal? ActiveParamsB,
    long? ContextWindow,
    string? Released,
    ModelPriceSummary? Price)
{
    public static ModelSummary From(CatalogModel model, DateTimeOffset at)
    {
        var arch = model.Architecture?.Value;
        var offer = model.PrimaryOffer;
        ModelPriceSummary? price = null;
        if (offer is not null)
        {
            var prices = offer.Schedule.StandardRuleOn(at).Prices;
            price = new ModelPriceSummary(
                offer.Provider,
                prices.Input?.Base,
                prices.Output?.Base,
                prices.CachedInput?.Base,
                model.BlendedPrice(at),
                offer.Schedule.HasTimeWindows,
                prices.Input?.Tiers.Count > 0 || prices.Output?.Tiers.Count > 0,
                offer.Source.Name,
                offer.Source.Date);
        }

        return new ModelSummary(
            model.Id,
            model.Name,
            model.Organization.Value.Name,
            model.Organization.Value.Country,
            model.OpenWeights?.Value,
            model.Licence?.Value,
            arch?.Kind switch { ArchitectureKind.MixtureOfExperts => "moe", ArchitectureKind.Dense => "dense", _ => null },
            arch?.TotalParamsB,
            arch?.ActiveParamsB,
            model.ContextWindow?.Value,
            CatalogFormat.Date(model.Released?.Value) is var d && d != "–" ? d : null,
            price);
    }
}

/// <summary>A model's list price: the primary offer's rule in force most of the day.</summary>
internal sealed record ModelPriceSummary(
    string Provider,
    decimal? InputPerMtok,
    decimal? OutputPerMtok,
    decimal? CachedInputPerMtok,
    decimal? BlendedPerMtok,
    bool TimeOfDayPricing,
    bool LongContextTiers,
    string Source,
    string? SourceDate);
