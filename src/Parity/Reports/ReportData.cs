using Parity.Analysis;
using Parity.Catalog;
using Parity.Claims;

namespace Parity.Reports;

/// <summary>Assembles <see cref="ReportInputs"/> from the shipped leaderboard history, a catalog and a claims file.</summary>
public static class ReportData
{
    /// <summary>The report's inputs: <paramref name="history"/> per board, facts from <paramref name="catalog"/>, the claims of <paramref name="claimsFile"/> (the shipped file when null).</summary>
    public static ReportInputs Create(IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> history, ModelCatalog catalog, string? claimsFile, DateTimeOffset priceDate)
    {
        var facts = new CatalogFacts(catalog, priceDate);
        var path = claimsFile ?? ShippedData.PathOf("claims/claims.yaml");
        var set = ClaimFile.LoadSet(path);
        return new ReportInputs(history, facts.Find, facts.All, set.Claims, claimsFile is null ? "data/claims/claims.yaml" : path,
            set.Trackers, Evidence.EvidenceSet.LoadShipped(), Catalog.Pricing.PriceHistory.LoadShipped(),
            Costs.MarginAnalysis.Run(catalog, Costs.CostData.Shipped, new Costs.ServingOptions(), priceDate));
    }
}
