using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Parity.Server.Gateway;

/// <summary>
/// The gateway's Prometheus metrics, kept in memory and rendered in the text exposition format at
/// <c>GET /metrics</c>. Labels carry model, route, provider and origin names only — never keys.
/// </summary>
internal sealed class GatewayMetrics
{
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    private readonly ConcurrentDictionary<string, Counter> requests = new();
    private readonly ConcurrentDictionary<string, Counter> errors = new();
    private readonly ConcurrentDictionary<string, Counter> attempts = new();
    private readonly ConcurrentDictionary<string, Counter> tokens = new();
    private readonly ConcurrentDictionary<string, DoubleCounter> cost = new();
    private readonly ConcurrentDictionary<string, Histogram> latency = new();
    private readonly ConcurrentDictionary<string, Histogram> firstByte = new();
    private long inFlight;

    public Func<(long Batches, long Records)>? LedgerStats { get; set; }

    public void RequestStarted() => Interlocked.Increment(ref inFlight);

    public void RequestFinished(string route, string? model, string? origin, bool? openWeights, int status, string? error, double seconds, long input, long output, long cached, double costUsd)
    {
        Interlocked.Decrement(ref inFlight);
        var m = model ?? "";
        var o = origin ?? "";
        var open = openWeights is null ? "" : openWeights.Value ? "true" : "false";
        requests.GetOrAdd(Labels(("route", route), ("model", m), ("origin", o), ("status", status.ToString(CultureInfo.InvariantCulture))), _ => new Counter()).Add(1);
        if (error is not null)
        {
            errors.GetOrAdd(Labels(("route", route), ("model", m), ("error", error)), _ => new Counter()).Add(1);
        }

        latency.GetOrAdd(Labels(("route", route), ("model", m)), _ => new Histogram(LatencyBuckets)).Observe(seconds);
        if (input > 0 || output > 0)
        {
            tokens.GetOrAdd(Labels(("model", m), ("origin", o), ("open_weights", open), ("kind", "input")), _ => new Counter()).Add(input);
            tokens.GetOrAdd(Labels(("model", m), ("origin", o), ("open_weights", open), ("kind", "output")), _ => new Counter()).Add(output);
            tokens.GetOrAdd(Labels(("model", m), ("origin", o), ("open_weights", open), ("kind", "cached")), _ => new Counter()).Add(cached);
        }

        if (costUsd > 0)
        {
            cost.GetOrAdd(Labels(("model", m), ("origin", o), ("open_weights", open)), _ => new DoubleCounter()).Add(costUsd);
        }
    }

    public void Attempt(string provider, string model, string outcome) =>
        attempts.GetOrAdd(Labels(("provider", provider), ("model", model), ("outcome", outcome)), _ => new Counter()).Add(1);

    public void FirstByte(string model, double seconds) =>
        firstByte.GetOrAdd(Labels(("model", model)), _ => new Histogram(LatencyBuckets)).Observe(seconds);

    public string Render()
    {
        var sb = new StringBuilder();
        Counters(sb, "parity_gateway_requests_total", "Requests handled, by route, model served, origin and HTTP status.", requests);
        Counters(sb, "parity_gateway_errors_total", "Requests that failed, by route, model and error code.", errors);
        Counters(sb, "parity_gateway_upstream_attempts_total", "Calls to upstream providers, by outcome (ok, http_4xx, http_429, http_5xx, timeout, connection).", attempts);
        Counters(sb, "parity_gateway_tokens_total", "Tokens by model, origin, openness and kind (input, output, cached).", tokens);
        sb.Append("# HELP parity_gateway_cost_usd_total Cost in US dollars by model, origin and openness.\n# TYPE parity_gateway_cost_usd_total counter\n");
        foreach (var (labels, c) in cost.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append("parity_gateway_cost_usd_total").Append(labels).Append(' ').Append(Format(c.Value)).Append('\n');
        }

        Histograms(sb, "parity_gateway_request_duration_seconds", "Time from request to the end of the response.", latency);
        Histograms(sb, "parity_gateway_upstream_first_byte_seconds", "Time to the upstream's response headers (streaming: first event).", firstByte);
        sb.Append("# HELP parity_gateway_in_flight_requests Requests being handled now.\n# TYPE parity_gateway_in_flight_requests gauge\n");
        sb.Append("parity_gateway_in_flight_requests ").Append(Interlocked.Read(ref inFlight)).Append('\n');
        if (LedgerStats is { } stats)
        {
            var (batches, records) = stats();
            sb.Append("# HELP parity_gateway_ledger_commits_total Ledger transactions committed (group commits).\n# TYPE parity_gateway_ledger_commits_total counter\n");
            sb.Append("parity_gateway_ledger_commits_total ").Append(batches).Append('\n');
            sb.Append("# HELP parity_gateway_ledger_records_total Ledger records committed.\n# TYPE parity_gateway_ledger_records_total counter\n");
            sb.Append("parity_gateway_ledger_records_total ").Append(records).Append('\n');
        }

        return sb.ToString();
    }

    private static void Counters(StringBuilder sb, string name, string help, ConcurrentDictionary<string, Counter> series)
    {
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(" counter\n");
        foreach (var (labels, c) in series.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append(name).Append(labels).Append(' ').Append(c.Value).Append('\n');
        }
    }

    private static void Histograms(StringBuilder sb, string name, string help, ConcurrentDictionary<string, Histogram> series)
    {
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(" histogram\n");
        foreach (var (labels, h) in series.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var inner = labels.Length > 2 ? labels[1..^1] + "," : "";
            var (counts, sum, count) = h.Snapshot();
            long cumulative = 0;
            for (var i = 0; i < h.Bounds.Length; i++)
            {
                cumulative += counts[i];
                sb.Append(name).Append("_bucket{").Append(inner).Append("le=\"").Append(Format(h.Bounds[i])).Append("\"} ").Append(cumulative).Append('\n');
            }

            sb.Append(name).Append("_bucket{").Append(inner).Append("le=\"+Inf\"} ").Append(count).Append('\n');
            sb.Append(name).Append("_sum").Append(labels).Append(' ').Append(Format(sum)).Append('\n');
            sb.Append(name).Append("_count").Append(labels).Append(' ').Append(count).Append('\n');
        }
    }

    private static string Labels(params (string Name, string Value)[] labels)
    {
        var sb = new StringBuilder("{");
        for (var i = 0; i < labels.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(labels[i].Name).Append("=\"").Append(labels[i].Value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")).Append('"');
        }

        return sb.Append('}').ToString();
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class Counter
    {
        private long value;

        public long Value => Interlocked.Read(ref value);

        public void Add(long n) => Interlocked.Add(ref value, n);
    }

    private sealed class DoubleCounter
    {
        private readonly Lock gate = new();
        private double value;

        public double Value
        {
            get
            {
                lock (gate)
                {
                    return value;
                }
            }
        }

        public void Add(double n)
        {
            lock (gate)
            {
                value += n;
            }
        }
    }

    private sealed class Histogram(double[] bounds)
    {
        private readonly long[] counts = new long[bounds.Length];
        private readonly Lock gate = new();
        private double sum;
        private long count;

        public double[] Bounds => bounds;

        public void Observe(double value)
        {
            var i = Array.BinarySearch(bounds, value);
            if (i < 0)
            {
                i = ~i;
            }

            lock (gate)
            {
                if (i < counts.Length)
                {
                    counts[i]++;
                }

                sum += value;
                count++;
            }
        }

        public (long[] Counts, double Sum, long Count) Snapshot()
        {
            lock (gate)
            {
                return ((long[])counts.Clone(), sum, count);
            }
        }
    }
}
