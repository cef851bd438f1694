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

    /// <summary>Everything counted per request, kept per route and model served: one lookup per request.</summary>
    private readonly ConcurrentDictionary<(string Route, string Model), RequestSeries> series = new();
    private readonly ConcurrentDictionary<(string, string, string), Counter> errors = new();
    private readonly ConcurrentDictionary<(string, string, string), Counter> attempts = new();
    private readonly ConcurrentDictionary<string, Histogram> firstByte = new();
    private long inFlight;

    public Func<(long Batches, long Records)>? LedgerStats { get; set; }

    /// <summary>Each upstream model's circuit breaker: its state (null when breaking is off) and how often it opened.</summary>
    public Func<IEnumerable<(string Provider, string Model, Polly.CircuitBreaker.CircuitState? State, long Opened)>>? CircuitStates { get; set; }

    public void RequestStarted() => Interlocked.Increment(ref inFlight);

    public void RequestFinished(string route, string? model, string? origin, bool? openWeights, int status, string? error, double seconds, long input, long output, long cached, decimal costUsd)
    {
        Interlocked.Decrement(ref inFlight);
        var m = model ?? "";
        var s = series.GetOrAdd((route, m), static (_, labels) => new RequestSeries(labels.Origin, labels.Open), (Origin: origin ?? "", Open: openWeights is null ? "" : openWeights.Value ? "true" : "false"));
        s.Statuses.GetOrAdd(status, static _ => new Counter()).Add(1);
        if (error is not null)
        {
            errors.GetOrAdd((route, m, error), _ => new Counter()).Add(1);
        }

        s.Latency.Observe(seconds);
        if (input > 0 || output > 0)
        {
            s.Input.Add(input);
            s.Output.Add(output);
            s.Cached.Add(cached);
        }

        if (costUsd > 0)
        {
            s.Cost.Add((double)costUsd); // a Prometheus sample is a float64; the ledger keeps the exact amount
        }
    }

    public void Attempt(string provider, string model, string outcome) =>
        attempts.GetOrAdd((provider, model, outcome), _ => new Counter()).Add(1);

    public void FirstByte(string model, double seconds) =>
        firstByte.GetOrAdd(model, _ => new Histogram(LatencyBuckets)).Observe(seconds);

    public string Render()
    {
        var sb = new StringBuilder();
        var all = series.ToArray();
        Counters(sb, "parity_gateway_requests_total", "Requests handled, by route, model served, origin and HTTP status.",
            all.SelectMany(kv => kv.Value.Statuses.Select(st => (Labels(("route", kv.Key.Route), ("model", kv.Key.Model), ("origin", kv.Value.Origin), ("status", st.Key.ToString(CultureInfo.InvariantCulture))), st.Value.Value))));
        Counters(sb, "parity_gateway_errors_total", "Requests that failed, by route, model and error code.",
            errors.Select(kv => (Labels(("route", kv.Key.Item1), ("model", kv.Key.Item2), ("error", kv.Key.Item3)), kv.Value.Value)));
        Counters(sb, "parity_gateway_upstream_attempts_total", "Calls to upstream providers, by outcome (ok, http_4xx, http_429, http_5xx, timeout, connection, invalid_body, error_body, empty_stream, invalid_stream, circuit_open).",
            attempts.Select(kv => (Labels(("provider", kv.Key.Item1), ("model", kv.Key.Item2), ("outcome", kv.Key.Item3)), kv.Value.Value)));
        // Tokens and cost are labelled by model (with its origin and openness), summed over routes.
        var byModel = all.Where(kv => kv.Value.Output.Value > 0 || kv.Value.Input.Value > 0 || kv.Value.Cost.Value > 0)
            .GroupBy(kv => (kv.Key.Model, kv.Value.Origin, kv.Value.Open)).ToList();
        Counters(sb, "parity_gateway_tokens_total", "Tokens by model, origin, openness and kind (input, output, cached).",
            byModel.Where(g => g.Any(kv => kv.Value.Input.Value > 0 || kv.Value.Output.Value > 0)).SelectMany(g => new[]
            {
                (Labels(("model", g.Key.Model), ("origin", g.Key.Origin), ("open_weights", g.Key.Open), ("kind", "input")), g.Sum(kv => kv.Value.Input.Value)),
                (Labels(("model", g.Key.Model), ("origin", g.Key.Origin), ("open_weights", g.Key.Open), ("kind", "output")), g.Sum(kv => kv.Value.Output.Value)),
                (Labels(("model", g.Key.Model), ("origin", g.Key.Origin), ("open_weights", g.Key.Open), ("kind", "cached")), g.Sum(kv => kv.Value.Cached.Value)),
            }));
        sb.Append("# HELP parity_gateway_cost_usd_total Cost in US dollars by model, origin and openness.\n# TYPE parity_gateway_cost_usd_total counter\n");
        foreach (var (labels, value) in byModel.Where(g => g.Any(kv => kv.Value.Cost.Value > 0))
            .Select(g => (Labels(("model", g.Key.Model), ("origin", g.Key.Origin), ("open_weights", g.Key.Open)), g.Sum(kv => kv.Value.Cost.Value))).OrderBy(x => x.Item1, StringComparer.Ordinal))
        {
            sb.Append("parity_gateway_cost_usd_total").Append(labels).Append(' ').Append(Format(value)).Append('\n');
        }

        Histograms(sb, "parity_gateway_request_duration_seconds", "Time from request to the end of the response.",
            all.Select(kv => (Labels(("route", kv.Key.Route), ("model", kv.Key.Model)), kv.Value.Latency)));
        Histograms(sb, "parity_gateway_upstream_first_byte_seconds", "Time to the upstream's whole answer (streaming: its first event).",
            firstByte.Select(kv => (Labels(("model", kv.Key)), kv.Value)));
        sb.Append("# HELP parity_gateway_in_flight_requests Requests being handled now.\n# TYPE parity_gateway_in_flight_requests gauge\n");
        sb.Append("parity_gateway_in_flight_requests ").Append(Interlocked.Read(ref inFlight)).Append('\n');
        if (LedgerStats is { } stats)
        {
            var (batches, records) = stats();
            sb.Append("# HELP parity_gateway_ledger_commits_total Ledger writes: records copied into the log (SQLite) or transactions (PostgreSQL, group commits).\n# TYPE parity_gateway_ledger_commits_total counter\n");
            sb.Append("parity_gateway_ledger_commits_total ").Append(batches).Append('\n');
            sb.Append("# HELP parity_gateway_ledger_records_total Ledger records written (handed to the operating system or committed).\n# TYPE parity_gateway_ledger_records_total counter\n");
            sb.Append("parity_gateway_ledger_records_total ").Append(records).Append('\n');
        }

        if (CircuitStates is { } circuits)
        {
            var breakers = circuits().Where(c => c.State is not null).ToList();
            sb.Append("# HELP parity_gateway_upstream_circuit_state Each upstream model's circuit breaker: 0 closed (called), 1 open (skipped), 2 half-open (one probe call let through). Changes on the next call after a break ends.\n# TYPE parity_gateway_upstream_circuit_state gauge\n");
            foreach (var (labels, state) in breakers.Select(c => (Labels(("provider", c.Provider), ("model", c.Model)), (int)c.State!.Value)).OrderBy(x => x.Item1, StringComparer.Ordinal))
            {
                sb.Append("parity_gateway_upstream_circuit_state").Append(labels).Append(' ').Append(state).Append('\n');
            }

            Counters(sb, "parity_gateway_upstream_circuit_opened_total", "Times each upstream model's circuit breaker opened.",
                breakers.Select(c => (Labels(("provider", c.Provider), ("model", c.Model)), c.Opened)));
        }

        return sb.ToString();
    }

    private static void Counters(StringBuilder sb, string name, string help, IEnumerable<(string Labels, long Value)> series)
    {
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(" counter\n");
        foreach (var (labels, value) in series.OrderBy(x => x.Labels, StringComparer.Ordinal))
        {
            sb.Append(name).Append(labels).Append(' ').Append(value).Append('\n');
        }
    }

    private static void Histograms(StringBuilder sb, string name, string help, IEnumerable<(string Labels, Histogram Histogram)> series)
    {
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(" histogram\n");
        foreach (var (labels, h) in series.OrderBy(x => x.Labels, StringComparer.Ordinal))
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

    /// <summary>What is counted for one route and model served.</summary>
    private sealed class RequestSeries(string origin, string open)
    {
        public string Origin { get; } = origin;

        public string Open { get; } = open;

        public ConcurrentDictionary<int, Counter> Statuses { get; } = new();

        public Histogram Latency { get; } = new(LatencyBuckets);

        public Counter Input { get; } = new();

        public Counter Output { get; } = new();

        public Counter Cached { get; } = new();

        public DoubleCounter Cost { get; } = new();
    }

    private sealed class DoubleCounter
    {
        private double value;

        public double Value => Volatile.Read(ref value);

        public void Add(double n) => AddTo(ref value, n);
    }

    private static void AddTo(ref double target, double n)
    {
        var current = Volatile.Read(ref target);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref target, current + n, current);
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>A Prometheus histogram, updated without a lock (a scrape may see a sum and count one observation apart).</summary>
    private sealed class Histogram(double[] bounds)
    {
        private readonly long[] counts = new long[bounds.Length];
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

            if (i < counts.Length)
            {
                Interlocked.Increment(ref counts[i]);
            }

            AddTo(ref sum, value);
            Interlocked.Increment(ref count);
        }

        public (long[] Counts, double Sum, long Count) Snapshot()
        {
            var snapshot = new long[counts.Length];
            for (var i = 0; i < counts.Length; i++)
            {
                snapshot[i] = Interlocked.Read(ref counts[i]);
            }

            return (snapshot, Volatile.Read(ref sum), Interlocked.Read(ref count));
        }
    }
}
