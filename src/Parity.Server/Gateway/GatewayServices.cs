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

    /// <summary>Prompt tokens each model's provider reports per token counted, for reservations.</summary>
    public PromptCalibration Calibration { get; } = new();

    /// <summary>The circuit breaker of each upstream model.</summary>
    public UpstreamBreakers Breakers { get; }

    /// <summary>Opens the stores (SQLite or PostgreSQL) and the upstream connection pool; <paramref name="timeProvider"/> is the breakers' clock (tests pass their own).</summary>
    public static GatewayServices Open(GatewaySetup setup, TimeProvider? timeProvider = null)
    {
        ParityStore Open() => setup.PostgresConnectionString is { } pg ? ParityStore.OpenPostgres(pg) : ParityStore.OpenSqlite(setup.SqlitePath!);

        var keysStore = Open();
        var keys = new VirtualKeyStore(keysStore); // one, so that one lock guards the keys store's connection
        ILedgerSink ledger;
        IKeyLimits limits;
        if (setup.PostgresConnectionString is not { } connection)
        {
            // SQLite: an append-only log imported in the background (no SQLite commit on the request's path).
            ledger = new LedgerLog(Open());
            limits = new InMemoryKeyLimits(keys.SpentSince);
        }
        else
        {
            // PostgreSQL: a local spool written in batches off the request's path, shared by every node; with
            // leases, budgets and limits are slices held in memory, and the batches also settle them.
            var node = NodeName();
            ledger = new PostgresLedger(connection, setup.SpoolFolder, node, reconcile: setup.Leases is not null, keys.Find, setup.LedgerBatchInterval,
                sweepEvery: (setup.Leases?.Duration ?? TimeSpan.FromSeconds(30)) / 2);
            limits = setup.Leases is { } leases ? new LeasedKeyLimits(connection, leases, node) : new PostgresKeyLimits(connection);
        }

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

    /// <summary>
    /// This node's name on its PostgreSQL leases and spool files: host, process and a random part (two
    /// gateways in one process, or a restarted container with the same host name and process id, differ).
    /// </summary>
    private static string NodeName()
    {
        var host = new string([.. Environment.MachineName.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-')]);
        return $"{host}-{Environment.ProcessId}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";
    }

    public async ValueTask DisposeAsync()
    {
        Upstream.Dispose();
        await Ledger.DisposeAsync(); // first: the last batch settles what the node spent, then its leases are given back
        switch (Limits)
        {
            case IAsyncDisposable leased:
                await leased.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        KeysStore.Dispose();
    }
}
