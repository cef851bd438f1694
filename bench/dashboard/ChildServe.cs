using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parity.Bench.Dashboard;

/// <summary>The real <c>parity serve</c> on the shipped data (a store path that does not exist), a child process on a free loopback port.</summary>
internal sealed class ChildServe : IDisposable
{
    private readonly Process _process;

    private ChildServe(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>Starts the server and waits until it answers; returns it with the time it took.</summary>
    public static async Task<(ChildServe Serve, TimeSpan Startup)> StartAsync(HttpClient http)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var store = Path.Combine(Path.GetTempPath(), "parity-bench-dashboard-absent-" + Guid.NewGuid().ToString("N"), "parity.db");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "parity.dll"), "serve", "--db", store, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        var serve = new ChildServe(Process.Start(start)!, $"http://127.0.0.1:{port}");
        serve._process.BeginErrorReadLine();
        serve._process.BeginOutputReadLine();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (serve._process.HasExited)
            {
                throw new InvalidOperationException("parity serve exited with code " + serve._process.ExitCode);
            }

            try
            {
                using var r = await http.GetAsync(serve.BaseUrl + "/api/version");
                if (r.IsSuccessStatusCode)
                {
                    return (serve, clock.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50);
        }

        serve.Dispose();
        throw new TimeoutException("parity serve did not start within two minutes");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
