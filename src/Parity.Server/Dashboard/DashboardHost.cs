using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Parity.Server.Dashboard;

/// <summary>
/// <c>parity serve</c>: the dashboard as a running Kestrel server. <see cref="RunAsync"/> serves until cancelled;
/// <see cref="StartAsync"/> returns once listening (tests, benchmarks).
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardHost(WebApplication app, DashboardState state, IReadOnlyList<string> addresses)
    {
        _app = app;
        State = state;
        Addresses = addresses;
    }

    /// <summary>The addresses Kestrel listens on (with the real port when 0 was asked for).</summary>
    public IReadOnlyList<string> Addresses { get; }

    internal DashboardState State { get; }

    /// <summary>Loads the data, then starts serving on <paramref name="urls"/> (semicolon-separated, e.g. <c>http://127.0.0.1:5080</c>).</summary>
    public static async Task<DashboardHost> StartAsync(DashboardOptions options, string urls, CancellationToken cancellationToken = default)
    {
        var state = new DashboardState(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = ClaimsApi.MaxUploadBytes + 1;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        var app = builder.Build();
        // Anything unexpected: a one-line JSON 500, never a stack trace in the answer (the log has it).
        app.UseExceptionHandler(error => error.Run(http =>
        {
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            http.Response.ContentType = "application/json; charset=utf-8";
            return http.Response.WriteAsync("{\"error\":\"internal error; see the server's log\"}");
        }));
        app.MapDashboard(state);
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        return new DashboardHost(app, state, addresses);
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled or the process is asked to stop.</summary>
    /// <param name="options">What to read.</param>
    /// <param name="urls">Where to listen.</param>
    /// <param name="log">Where the start line goes.</param>
    /// <param name="refresh">Runs every <c>Every</c> while serving (<c>parity update</c>); null for none.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    public static async Task RunAsync(DashboardOptions options, string urls, TextWriter log, (TimeSpan Every, Func<CancellationToken, Task> Run)? refresh, CancellationToken cancellationToken)
    {
        await using var host = await StartAsync(options, urls, cancellationToken);
        var data = host.State.Current;
        await log.WriteLineAsync($"parity serve listening on {string.Join(", ", host.Addresses)}: store {options.StorePath}{(File.Exists(options.StorePath) ? "" : " (absent: shipped data only)")}, " +
            $"{data.Series.Sum(s => s.Value.Count)} snapshots, {data.Catalog.Models.Count} catalog models, {data.Claims.Claims.Count} claims, {data.Evals.Count} eval runs" +
            (options.Gateway is { } g ? $", ledger of {g.ConfigPath}" : ", no gateway config (usage page empty)"));
        await log.FlushAsync(cancellationToken);
        var stopping = host._app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        try
        {
            if (refresh is { } r)
            {
                using var timer = new PeriodicTimer(r.Every);
                while (await timer.WaitForNextTickAsync(either.Token))
                {
                    await r.Run(either.Token);
                }
            }
            else
            {
                await Task.Delay(Timeout.Infinite, either.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
