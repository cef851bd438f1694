namespace Parity.Server.Dashboard;

/// <summary>
/// <c>GET /api/evals</c>: every eval run in the store with, per model, accuracy and its 95% Wilson interval, cost and
/// cost per 1,000 items, and every paired comparison (McNemar), as <c>parity eval report --format json</c> gives them.
/// </summary>
internal static class EvalsApi
{
    public static byte[] Answer(DashboardData data, IQueryCollection query)
    {
        _ = new QueryReader(query);
        return data.Cached("evals", () => DashboardJson.Bytes(new
        {
            data = data.Freshness(),
            store = data.StorePath,
            runs = data.Evals,
            method = "Accuracy with a 95% Wilson interval; cost from the catalog's prices at the time of each call (unknown, never 0, when a call has no price); McNemar's exact test on the items both models answered.",
        }));
    }
}
