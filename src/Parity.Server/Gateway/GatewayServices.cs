using Parity.Gateway;
using Parity.Storage;

namespace Parity.Server.Gateway;

/// <summary>Everything a running gateway holds: its setup, upstream client, stores, limits and metrics.</summary>
internal sealed class GatewayServices : IAsyncDisposable
{
    private GatewayServices(GatewaySetup setup, ParityStore keysStore, VirtualKeyStore keys, ILedgerSink ledger, IKeyLimits limits, HttpMessageInvoker upstream, TimeProvider timeProvider)
    {
        Setup = setup;
        KeysStore = keysStore;
        Keys = keys;
        KeyCache = new KeyCache(Keys, TimeSpan.FromSeconds(5));
        Ledger = ledger;
        Limits = limits;
        Upstream = upstream;
        Breakers = new UpstreamBreakers(setup, timeProvider);
        Metrics = new GatewayMetrics { LedgerStats = () => (ledger.Batches, ledger.Written), CircuitStates = Breakers.States };
    }

    public GatewaySetup Setup { get; }

    public ParityStore KeysStore { get; }

    public VirtualKeyStore Keys { get; }

    public KeyCache KeyCache { get; }

    public ILedgerSink Ledger { get; }

    public IKeyLimits Limits { get; }

    public HttpMessageInvoker Upstream { get; }

    public GatewayMetrics Metrics { get; }

    /// <summary>The circuit breaker of each upstream model.</summary>
    public UpstreamBreakers Breakers { get; }

    /// <summary>Opens the stores (SQLite or PostgreSQL) and the upstream connection pool; <paramref name="timeProvider"/> is the breakers' clock (tests pass their own).</summary>
    public static GatewayServices Open(GatewaySetup setup, TimeProvider? timeProvider = null)
    {
        ParityStore Open() => setup.PostgresConnectionString is { } pg ? ParityStore.OpenPostgres(pg) : ParityStore.OpenSqlite(setup.SqlitePath!);

        var keysStore = Open();
        // SQLite: an append-only log imported in the background (one write per group of records, no
        // SQLite commit on the request's path). PostgreSQL: group commits, shared by every node.
        ILedgerSink ledger = setup.PostgresConnectionString is null ? new LedgerLog(Open()) : new LedgerWriter(Open());
        var keys = new VirtualKeyStore(keysStore); // one, so that one lock guards the keys store's connection
        IKeyLimits limits = setup.PostgresConnectionString is { } connection
            ? new PostgresKeyLimits(connection)
            : new InMemoryKeyLimits(keys.SpentSince);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            MaxConnectionsPerServer = int.MaxValue,
            EnableMultipleHttp2Connections = true,

            // No trace headers to providers: they learn nothing about the caller's tracing, and the
            // diagnostics handler stays out of the hot path.
            ActivityHeadersPropagator = null,
        };
        return new GatewayServices(setup, keysStore, keys, ledger, limits, new HttpMessageInvoker(handler, disposeHandler: true), timeProvider ?? TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        Upstream.Dispose();
        await Ledger.DisposeAsync();
        (Limits as IDisposable)?.Dispose();
        KeysStore.Dispose();
    }
}
