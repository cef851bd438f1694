namespace Parity.Gateway;

/// <summary>
/// The seam between the gateway and Parity's model catalog: what the catalog knows about a model
/// (price, vendor, origin, openness, quality). Until the catalog's price engine is wired in, nothing
/// is found and the config file must give prices and facts itself.
/// </summary>
internal static class GatewayCatalog
{
    /// <summary>What the catalog says about a model id or alias, or null.</summary>
    public static CatalogFacts? Find(string idOrAlias)
    {
        _ = idOrAlias;
        return null;
    }

    /// <summary>Facts about one model from the catalog.</summary>
    internal sealed record CatalogFacts(ModelPrice? Price, string? Vendor, string? Origin, bool? OpenWeights, IReadOnlyDictionary<string, double>? Quality);
}
