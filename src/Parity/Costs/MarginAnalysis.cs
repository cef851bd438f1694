using Parity.Catalog;

namespace Parity.Costs;

/// <summary>Is an open-weights model's list price above or below what it costs to serve? Every provider's price against the roofline cost range.</summary>
public static class MarginAnalysis
{
    /// <summary>Builds the margin table for every open-weights model of the catalog; costs are calibrated to the shipped DeepSeek day unless <paramref name="options"/> carries a calibration.</summary>
    public static MarginReport Run(ModelCatalog catalog, CostData data, ServingOptions options, DateTimeOffset at)
    {
        options = options.Utilisation is null ? options with { Utilisation = FleetUtilisation.FromShippedScenario(catalog, data, options) } : options;
        var rows = new List<MarginRow>();
        var skipped = new List<SkippedModel>();
        IReadOnlyList<string> assumptions = [];
        foreach (var model in catalog.Models.Where(m => m.OpenWeights?.Value == true).OrderBy(m => m.Id, StringComparer.Ordinal))
        {
            ServingEstimate estimate;
            try
            {
                estimate = ServingCostModel.Estimate(model, options, data);
            }
            catch (ParityException ex) when (!ex.Message.StartsWith("--", StringComparison.Ordinal))
            {
                skipped.Add(new SkippedModel(model.Id, ex.Message));
                continue;
            }

            assumptions = estimate.Assumptions;
            var priced = 0;
            foreach (var offer in model.Offers)
            {
                var prices = offer.Schedule.StandardRuleOn(at).Prices;
                if (prices.Input is null || prices.Output is null)
                {
                    continue;
                }

                var input = prices.Input.Base;
                var output = prices.Output.Base;
                var blended = (3 * input + output) / 4;
                var cost = estimate.BlendedUsdPerMtok;
                var verdict = blended > cost.High ? "above cost" : blended < cost.Low ? "below cost" : "near cost";
                rows.Add(new MarginRow(
                    model.Id, model.Organization.Value.Country, offer.Provider, offer.FirstParty, input, output, blended,
                    cost.Central, cost.Low, cost.High,
                    Ratio(blended, cost.Central), Ratio(blended, cost.High), Ratio(blended, cost.Low),
                    verdict, $"{offer.Source.Name}, {offer.Source.Date}"));
                priced++;
            }

            if (priced == 0)
            {
                skipped.Add(new SkippedModel(model.Id, "no provider lists both an input and an output price"));
            }
        }

        return new MarginReport(rows, skipped, assumptions, at);
    }

    private static double Ratio(decimal price, decimal cost) => cost > 0 ? (double)(price / cost) : double.PositiveInfinity;
}
