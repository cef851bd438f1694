using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parity.Server.Tests.Gateway;

/// <summary>The real <c>parity gateway</c> command as a child process on a free loopback port.</summary>
public sealed class ChildGateway : IDisposable
{
    private ChildGateway(Process process, int port)
    {
        Process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public Process Process { get; }

    public HttpClient Client { get; }

    /// <summary>Everything the process printed (stdout and stderr).</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    public static async Task<ChildGateway> StartAsync(string config, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "parity.dll"));
        foreach (var arg in new[] { "gateway", "--config", config, "--urls", $"http://127.0.0.1:{port}" }.Concat(arguments))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var child = new ChildGateway(Process.Start(start)!, port);
        child.Process.OutputDataReceived += (_, e) => child.Output.Enqueue(e.Data ?? "");
        child.Process.ErrorDataReceived += (_, e) => child.Output.Enqueue(e.Data ?? "");
        child.Process.BeginOutputReadLine();
        child.Process.BeginErrorReadLine();
        try
        {
            await child.WaitUntilHealthyAsync();
        }
        catch
        {
            child.Dispose();
            throw;
        }

        return child;
    }

    private async Task WaitUntilHealthyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException("parity gateway exited: " + string.Join('\n', Output));
            }

            try
            {
                using var r = await Client.GetAsync("/healthz");
                if (r.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("parity gateway did not come up: " + string.Join('\n', Output));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!Process.HasExited)
        {
            Process.Kill();
            Process.WaitForExit(10_000);
        }

        Process.Dispose();
    }
}
