using Parity.Gateway;
using Parity.Storage;

namespace Parity.Server.Dashboard;

/// <summary>
/// <c>GET /api/usage?by=model|origin|vendor|key|route&amp;from=&amp;to=</c>: the gateway ledger summed per group
/// (<see cref="UsageReport"/>, as <c>parity usage</c>), per day and group, the share of tokens to Chinese open-weight
/// models, and what the same tokens would have cost on the flagship (the configured US model with the highest
/// list price, else gpt-5 from the catalog). Read fresh on every request: the ledger grows all the time.
/// </summary>
internal static class UsageApi
{
    public static readonly string[] Parameters = ["by", "from", "to"];

    private const string DefaultFlagship = "gpt-5";

    public static byte[] Answer(DashboardData data, GatewaySetup? setup, IQueryCollection query)
    {
        var q = new QueryReader(query, Parameters);
        var byText = q.Choice("by", "model", ["model", "origin", "vendor", "key", "route"]);
        var by = Enum.Parse<UsageGrouping>(byText, ignoreCase: true);
        var from = q.Time("from");
        var to = q.Time("to");
        if (setup is null)
        {
            return DashboardJson.Bytes(new { data = data.Freshness(), configured = false, message = "no gateway config: start parity serve with --gateway-config gateway.yaml to see the ledger" });
        }

        using var store = setup.PostgresConnectionString is { } pg ? ParityStore.OpenPostgres(pg) : ParityStore.OpenSqlite(setup.SqlitePath!);
        var flagship = setup.DefaultFlagship() ?? CatalogFlagship();
        var summary = UsageReport.Build(store, by, from, to, flagship);
        var days = UsageTimeline.Build(store, by, from, to);
        return DashboardJson.Bytes(new
        {
            data = data.Freshness(),
            configured = true,
            config = setup.ConfigPath,
            ledger = setup.PostgresConnectionString is not null ? "PostgreSQL" : setup.SqlitePath,
            readAt = DateTimeOffset.UtcNow,
            summary,
            flagshipSaving = summary.Flagship is { } f ? new { f.Ratio, f.SavingsUsd } : null,
            days,
        });
    }

    private static (string Name, ModelPrice Price)? CatalogFlagship()
    {
        var model = GatewayCatalog.Find(DefaultFlagship);
        return model is not null && GatewayCatalog.ListPrice(model, DateTimeOffset.UtcNow) is { } price ? (model.Id, price) : null;
    }
}
