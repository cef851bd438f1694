using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Parity.Gateway;

namespace Parity.Server.Gateway;

/// <summary>
/// The gateway as a running Kestrel server. <see cref="RunAsync"/> serves until cancelled (the CLI's
/// <c>parity gateway</c>); <see cref="StartAsync(GatewaySetup, string, CancellationToken)"/> returns once listening (tests, benchmarks).
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly GatewayServices services;

    private GatewayHost(WebApplication app, GatewayServices services, IReadOnlyList<string> addresses)
    {
        this.app = app;
        this.services = services;
        Addresses = addresses;
    }

    /// <summary>Whether socket completions run inline on the socket threads in this process.</summary>
    internal static bool InlineIo => Environment.GetEnvironmentVariable(InlineCompletionsVariable) == "1";

    private const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    private const string SocketThreadsVariable = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";

    /// <summary>
    /// Makes this process run socket completions on its socket threads instead of the thread pool, the
    /// way an event-loop proxy does: it saves a thread hand-off (and its wake-up) on every read and
    /// write (bench/gateway/RESULTS.md). It needs a request path that never blocks a socket thread: the
    /// key, budget and ledger work of a request is in memory, on local files or asynchronous (PostgreSQL's
    /// leases and exact limits), and the store's blocking queries (a key not seen for a few seconds, the
    /// admin API) run on the thread pool. Call before the process opens its first socket; a
    /// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c> already set (e.g. to 0) is left as it is.
    /// <para>
    /// Not with exact limits on PostgreSQL (<paramref name="setup"/> with no leases): there every request waits on
    /// PostgreSQL statements, and Npgsql can wait synchronously for a reply on one of its connections (to send a
    /// cancellation, for one); on a socket thread that wait can need the very thread it holds. A node run that way
    /// stopped answering under load (ExactLimitsAbortTests); those round trips dwarf the thread hand-off it saves.
    /// </para>
    /// <para>
    /// <paramref name="ioThreads"/>, when given, is the number of socket threads (.NET's default is one per
    /// core). Nodes that share a machine each take their share: two nodes with two threads each on 2 cores
    /// used 14 % more CPU per request than with one each (74.8 against 65.7 µs; bench/gateway/RESULTS.md).
    /// </para>
    /// </summary>
    public static void PreferInlineIo(GatewaySetup setup, int? ioThreads = null)
    {
        var exactOnPostgres = setup.PostgresConnectionString is not null && setup.Leases is null;
        if (Environment.GetEnvironmentVariable(InlineCompletionsVariable) is null && !exactOnPostgres)
        {
            Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");
        }

        if (ioThreads is { } threads)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(ioThreads));
            Environment.SetEnvironmentVariable(SocketThreadsVariable, threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The addresses Kestrel listens on (with the real port when 0 was asked for).</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>Starts serving on <paramref name="urls"/> (semicolon-separated, e.g. <c>http://127.0.0.1:8080</c>).</summary>
    public static Task<GatewayHost> StartAsync(GatewaySetup setup, string urls, CancellationToken cancellationToken = default) =>
        StartAsync(setup, urls, TimeProvider.System, cancellationToken);

    /// <summary>Starts serving with <paramref name="timeProvider"/> as the circuit breakers' clock (tests).</summary>
    internal static async Task<GatewayHost> StartAsync(GatewaySetup setup, string urls, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        var services = GatewayServices.Open(setup, timeProvider);
        try
        {
            // No appsettings.json reloads: the gateway is configured by its YAML file, and a watcher on the
            // content root (the working folder, where the ledger often lives) woke on every ledger write.
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ContentRootPath = AppContext.BaseDirectory,
                Args = ["--hostBuilder:reloadConfigOnChange=false"],
            });
            builder.WebHost.UseUrls(urls);
            // With inline socket completions (see PreferInlineIo), Kestrel runs requests on the thread
            // that saw the socket ready, as an event loop: no hand-off to the thread pool per read or write.
            builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = InlineIo);

            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                k.Limits.MaxRequestBodySize = setup.MaxBodyBytes;
            });
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // Hosting's per-request diagnostics (an Activity and a log scope per request) only feed this
            // category; the gateway keeps its own metrics and ledger instead.
            builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
            var app = builder.Build();
            Map(app, services);
            await app.StartAsync(cancellationToken);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
            return new GatewayHost(app, services, addresses);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled, then drains the ledger and stops.</summary>
    public static async Task RunAsync(GatewaySetup setup, string urls, TextWriter log, CancellationToken cancellationToken)
    {
        await using var host = await StartAsync(setup, urls, cancellationToken);
        var ledger = setup.PostgresConnectionString is not null ? $"PostgreSQL ({(setup.Leases is null ? "exact limits" : "leased limits")}, spool {setup.SpoolFolder})" : setup.SqlitePath;
        await log.WriteLineAsync($"parity gateway listening on {string.Join(", ", host.Addresses)}: {setup.Models.Count} models, {setup.Routes.Count} routes, ledger {ledger}");
        if (host.services.Ledger is PostgresLedger { Recovered: > 0 } postgres)
        {
            await log.WriteLineAsync($"imported {postgres.Recovered} ledger records from the spool of a node that stopped without writing them ({setup.SpoolFolder})");
        }

        foreach (var route in setup.Routes.Values.Where(r => r.Policy == RoutePolicy.CheapestMeeting))
        {
            await log.WriteLineAsync($"route '{route.Name}' (cheapest-meeting): {string.Join("; ", route.Scores)}{(route.Excluded.Count == 0 ? "" : $"; left out: {string.Join("; ", route.Excluded)}")}");
        }

        foreach (var route in setup.Routes.Values)
        {
            if (route.Learned is { } learned)
            {
                var r = learned.Router;
                await log.WriteLineAsync($"route '{route.Name}' (learned): {r.Kind.ToString().ToLowerInvariant()} router {learned.RouterPath} ('{r.Strong}' vs '{r.Weak}'), strong {learned.Strong.Name}, weak {learned.Weak.Name}, {learned.ThresholdSource}");
            }
        }

        if (setup.KeysRequired && host.services.Keys.List().Count == 0)
        {
            await log.WriteLineAsync($"no virtual keys yet: every request will get 401. Issue one with 'parity gateway keys create --config {setup.ConfigPath} --name NAME'{(setup.AdminKey is null ? "" : " or POST /admin/keys")}.");
        }

        await log.FlushAsync(cancellationToken);
        // Stop on the caller's token, or when the host itself stops (it handles SIGTERM and SIGINT).
        var stopping = host.app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void Map(WebApplication app, GatewayServices services)
    {
        var chat = new ChatCompletionsHandler(services);
        app.MapPost("/v1/chat/completions", chat.HandleAsync);
        app.MapPost("/chat/completions", chat.HandleAsync);
        app.MapGet("/v1/models", (HttpContext http) => http.Response.WriteAsJsonAsync(ModelList(services.Setup), http.RequestAborted));
        app.MapGet("/healthz", (HttpContext http) => http.Response.WriteAsJsonAsync(new { status = "ok" }, http.RequestAborted));
        app.MapGet("/metrics", (HttpContext http) =>
        {
            if (services.Setup.MetricsKey is { } metricsKey && !BearerMatches(http.Request, metricsKey))
            {
                return OpenAiError.WriteAsync(http, 401, "invalid_request_error", "invalid_metrics_key",
                    "GET /metrics needs 'Authorization: Bearer <key>' with the key named by server.metricsKeyEnv in the gateway's config.");
            }

            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            return http.Response.WriteAsync(services.Metrics.Render(), http.RequestAborted);
        });
        AdminEndpoints.Map(app, services);
    }

    /// <summary>Whether the request's <c>Authorization: Bearer</c> value is <paramref name="key"/>, compared in constant time.</summary>
    internal static bool BearerMatches(HttpRequest request, string key)
    {
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = System.Text.Encoding.UTF8.GetBytes(header.AsSpan("Bearer ".Length).Trim().ToString());
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(given, System.Text.Encoding.UTF8.GetBytes(key));
    }

    private static object ModelList(GatewaySetup setup)
    {
        var models = setup.Models.Values.Select(object (m) => new
        {
            id = m.Name,
            @object = "model",
            created = 0,
            owned_by = m.Vendor ?? m.Provider.Name,
            parity = new
            {
                kind = "model",
                provider = m.Provider.Name,
                origin = m.Origin,
                open_weights = m.OpenWeights,
                price_per_million = m.Price is { } p ? new { input = p.InputPerMillion, output = p.OutputPerMillion, cached_input = p.CachedInputPerMillion, source = p.Source } : null,
                route = (object?)null,
            },
        });
        var routes = setup.Routes.Values.Select(object (r) => new
        {
            id = r.Name,
            @object = "model",
            created = 0,
            owned_by = "parity",
            parity = new
            {
                kind = "route",
                provider = (string?)null,
                origin = (string?)null,
                open_weights = (bool?)null,
                price_per_million = (object?)null,
                route = new
                {
                    policy = r.Policy.ToString().ToLowerInvariant(),
                    models = r.Candidates.Select(c => c.Name).ToList(),
                    fallback = r.FallbackEnabled,
                    scores = r.Scores,
                    excluded = r.Excluded,
                    learned = r.Learned is { } l
                        ? new { strong = l.Strong.Name, weak = l.Weak.Name, threshold = l.Threshold, thresholdSource = l.ThresholdSource, router = Path.GetFileName(l.RouterPath), kind = l.Router.Kind.ToString().ToLowerInvariant() }
                        : null,
                },
            },
        });
        return new { @object = "list", data = models.Concat(routes).ToList() };
    }

    /// <summary>Stops serving and writes what the ledger still holds.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await services.DisposeAsync();
    }
}
