using Parity.Catalog;

namespace Parity.Gateway;

/// <summary>
/// What Parity's model catalog knows about a gateway model: maker, country of origin, openness and
/// prices (the price engine, with long-context tiers and time-of-day windows). The shipped catalog is
/// loaded once, the first time a config needs it.
/// </summary>
internal static class GatewayCatalog
{
    private static readonly Lazy<ModelCatalog> Shipped = new(ModelCatalog.LoadShipped);

    /// <summary>The catalog model for an id or alias, or null.</summary>
    public static CatalogModel? Find(string idOrAlias) => Shipped.Value.Find(idOrAlias);

    /// <summary>The model's list prices today, per million tokens, for ranking and budget reservations; null without prices.</summary>
    public static ModelPrice? ListPrice(CatalogModel model, DateTimeOffset at)
    {
        var prices = model.ListPrices(at);
        if (prices?.Input is null || prices.Output is null)
        {
            return null;
        }

        var offer = model.PrimaryOffer!;
        var source = offer.Source.Date is { } date ? $"{offer.Source.Name}, {date}" : offer.Source.Name;
        return new ModelPrice(prices.Input.Base, prices.Output.Base, prices.CachedInput?.Base, $"catalog: {offer.Provider} via {source}");
    }
}
