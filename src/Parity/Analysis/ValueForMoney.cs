namespace Parity.Analysis;

/// <summary>Price–performance: blended price, the Pareto frontier, the cheapest model close to the best.</summary>
public static class ValueForMoney
{
    /// <summary>Blended price, 3 input : 1 output.</summary>
    public static double Blend(double input, double output) => (3 * input + output) / 4;

    /// <summary>
    /// The models no other model beats on both counts (a higher-or-equal score at a lower-or-equal blended price,
    /// strictly better on one), cheapest first.
    /// </summary>
    public static IReadOnlyList<PricedModel> ParetoFrontier(IEnumerable<PricedModel> models)
    {
        var frontier = new List<PricedModel>();
        var best = double.NegativeInfinity;
        foreach (var model in models.OrderBy(m => m.Blended).ThenByDescending(m => m.Model.Rating))
        {
            if (model.Model.Rating > best)
            {
                frontier.Add(model);
                best = model.Model.Rating;
            }
        }

        return frontier;
    }

    /// <summary>The cheapest model (blended) rated within <paramref name="points"/> of <paramref name="bestRating"/>, or null.</summary>
    public static PricedModel? CheapestWithin(IEnumerable<PricedModel> models, double bestRating, double points) =>
        models.Where(m => m.Model.Rating >= bestRating - points).MinBy(m => m.Blended);
}
