using System.Diagnostics;

namespace Parity.Bench.Dashboard;

/// <summary>Request latencies of one address at one concurrency: every request timed from send to the last body byte.</summary>
internal static class Latency
{
    /// <summary>The time of the first answer (the server computes it; later ones come from its per-version cache).</summary>
    public static async Task<double> FirstAsync(HttpClient http, string url)
    {
        var t0 = Stopwatch.GetTimestamp();
        var body = await http.GetByteArrayAsync(url);
        GC.KeepAlive(body);
        return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    }

    /// <summary><paramref name="clients"/> loops each sending <paramref name="perClient"/> requests one after the other; every latency in milliseconds.</summary>
    public static async Task<double[]> MeasureAsync(HttpClient http, string url, int clients, int perClient)
    {
        var all = new double[clients * perClient];
        var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < perClient; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                response.EnsureSuccessStatusCode();
                all[c * perClient + i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
        }));
        await Task.WhenAll(workers);
        Array.Sort(all);
        return all;
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
