namespace Parity.Gateway;

/// <summary>A checked gateway configuration: providers, models and routes ready to use.</summary>
public sealed class GatewaySetup
{
    public required string ConfigPath { get; init; }

    public required IReadOnlyList<GatewayProvider> Providers { get; init; }

    public required IReadOnlyDictionary<string, GatewayModel> Models { get; init; }

    public required IReadOnlyDictionary<string, GatewayRoute> Routes { get; init; }

    /// <summary>The SQLite file of the ledger (when <see cref="PostgresConnectionString"/> is null).</summary>
    public string? SqlitePath { get; init; }

    /// <summary>The PostgreSQL connection string, when the ledger and budget state are shared.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>
    /// PostgreSQL: the slices each node leases of a key's budget and limits; null for exact mode (every
    /// request's checks are round trips).
    /// </summary>
    public LeaseOptions? Leases { get; init; }

    /// <summary>PostgreSQL: how often a node writes its spooled ledger records to PostgreSQL.</summary>
    public TimeSpan LedgerBatchInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>PostgreSQL: the folder where this node spools ledger records before they reach PostgreSQL.</summary>
    public string SpoolFolder { get; init; } = "ledger-spool";

    public required bool KeysRequired { get; init; }

    /// <summary>The admin API's key, or null when the admin API is off.</summary>
    internal string? AdminKey { get; init; }

    public required int DefaultMaxTokens { get; init; }

    /// <summary>The largest request body in bytes (<c>server.maxBodyMB</c>); a larger one gets 413.</summary>
    public long MaxBodyBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>The key <c>GET /metrics</c> asks for, or null when the metrics are open.</summary>
    internal string? MetricsKey { get; init; }

    /// <summary>Circuit breaking per upstream model (config <c>breaker:</c>).</summary>
    public CircuitBreakerSettings Breaker { get; init; } = CircuitBreakerSettings.Default;

    /// <summary>The route a client's <c>model</c> names: a route, or a model served on its own.</summary>
    public GatewayRoute? Resolve(string name)
    {
        if (Routes.TryGetValue(name, out var route))
        {
            return route;
        }

        if (!Models.TryGetValue(name, out var model))
        {
            return null;
        }

        // Made once per model, on its first request: the same route serves every later one.
        return modelRoutes.TryGetValue(name, out var own) ? own : modelRoutes.GetOrAdd(name, GatewayRoute.ForModel(model));
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, GatewayRoute> modelRoutes = new(StringComparer.Ordinal);

    /// <summary>The US flagship usage reports price the same traffic at: the configured US model with the highest blended price.</summary>
    public (string Name, ModelPrice Price)? DefaultFlagship() =>
        Models.Values
            .Where(m => m.Origin == "US" && m.Price is not null)
            .OrderByDescending(m => m.Price!.Blended)
            .Select(m => ((string Name, ModelPrice Price)?)(m.Name, m.Price!))
            .FirstOrDefault();
}
