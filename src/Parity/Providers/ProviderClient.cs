using System.Net;
using Polly;
using Polly.Retry;

namespace Parity.Providers;

/// <summary>
/// Everything shared by the models of one provider: the connection pool, the concurrency and
/// rate limits, and the retry pipeline (exponential backoff with jitter on 429, 5xx, timeouts and
/// dropped connections; a server's <c>Retry-After</c> is honoured).
/// </summary>
internal sealed class ProviderClient : IDisposable
{
    private readonly SemaphoreSlim _concurrency;
    private readonly RequestPacer? _pacer;

    public ProviderClient(ProviderEndpoint endpoint)
    {
        Endpoint = endpoint;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = Math.Max(1, endpoint.Limits.MaxConcurrency),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            ConnectTimeout = TimeSpan.FromSeconds(30),

            // A redirect could carry the key to another host: API endpoints do not redirect, so a 3xx is an error.
            AllowAutoRedirect = false,
        };
        Http = new HttpClient(handler) { BaseAddress = endpoint.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        _concurrency = new SemaphoreSlim(Math.Max(1, endpoint.Limits.MaxConcurrency));
        _pacer = endpoint.Limits.RequestsPerMinute is > 0 and var rpm ? new RequestPacer(rpm) : null;
        var limits = endpoint.Limits;
        Retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ProviderCallException>(e => e.Retriable),
                MaxRetryAttempts = Math.Max(0, limits.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = limits.BaseDelay,
                MaxDelay = limits.MaxDelay,
                DelayGenerator = args =>
                {
                    var retryAfter = (args.Outcome.Exception as ProviderCallException)?.RetryAfter;
                    return ValueTask.FromResult(retryAfter is { } wait ? (TimeSpan?)(wait > limits.MaxDelay ? limits.MaxDelay : wait) : null);
                },
            })
            .Build();
    }

    public ProviderEndpoint Endpoint { get; }

    /// <summary>The absolute <c>/chat/completions</c> address, built once.</summary>
    public Uri ChatCompletions => field ??= new Uri(Endpoint.BaseUrl, "chat/completions");

    public HttpClient Http { get; }

    public ResiliencePipeline Retry { get; }

    /// <summary>Waits for a concurrency slot and, when rate-limited, for the next start time.</summary>
    public async ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _concurrency.WaitAsync(cancellationToken);
        try
        {
            if (_pacer is not null)
            {
                await _pacer.WaitAsync(cancellationToken);
            }
        }
        catch
        {
            _concurrency.Release();
            throw;
        }

        return new Releaser(_concurrency);
    }

    public void Dispose()
    {
        Http.Dispose();
        _concurrency.Dispose();
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
