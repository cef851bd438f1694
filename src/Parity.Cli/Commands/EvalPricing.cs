using Parity.Catalog;
using Parity.Evals;

namespace Parity.Cli.Commands;

/// <summary>The pricer the eval and battle commands use: the catalog's price engine at the time of each call.</summary>
internal static class EvalPricing
{
    public static CallPricer Create() => new CatalogCallPricer(ModelCatalog.LoadShipped()).AsPricer();
}
