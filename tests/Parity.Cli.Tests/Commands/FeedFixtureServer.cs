using System.Net;

namespace Parity.Cli.Tests.Commands;

/// <summary>
/// An HTTP server on a free loopback port that answers every request from a function (path → status, body, ETag),
/// honouring If-None-Match; stands in for the feeds' publishers so that no test touches the internet.
/// </summary>
internal sealed class FeedFixtureServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<string, (int Status, byte[] Body, string? ETag)> answer;
    private readonly Task loop;

    private FeedFixtureServer(int port, Func<string, (int, byte[], string?)> answer)
    {
        this.answer = answer;
        Url = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Url + "/");
        listener.Start();
        loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public List<(string Path, string? IfNoneMatch)> Requests { get; } = [];

    public static Task<FeedFixtureServer> StartAsync(Func<string, (int, byte[], string?)> answer)
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return Task.FromResult(new FeedFixtureServer(port, answer));
    }

    private async Task LoopAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return;
            }

            var ifNoneMatch = context.Request.Headers["If-None-Match"];
            lock (Requests)
            {
                Requests.Add((context.Request.Url!.AbsolutePath, ifNoneMatch));
            }

            var (status, body, etag) = answer(context.Request.Url!.AbsolutePath);
            if (etag is not null && ifNoneMatch == etag)
            {
                context.Response.StatusCode = 304;
                context.Response.Close();
                continue;
            }

            context.Response.StatusCode = status;
            if (etag is not null)
            {
                context.Response.Headers["ETag"] = etag;
            }

            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop.ConfigureAwait(false);
    }
}
