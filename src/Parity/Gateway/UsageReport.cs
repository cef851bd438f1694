using Dapper;
using Parity.Storage;

namespace Parity.Gateway;

/// <summary>Sums the gateway ledger for <c>parity usage</c> and the admin API.</summary>
public static class UsageReport
{
    /// <summary>Sums the ledger between <paramref name="from"/> (inclusive) and <paramref name="to"/> (exclusive).</summary>
    /// <param name="store">The store holding the ledger.</param>
    /// <param name="by">How to group.</param>
    /// <param name="from">Start (inclusive); null for the beginning.</param>
    /// <param name="to">End (exclusive); null for now.</param>
    /// <param name="flagship">A model to price the same traffic at, for the "what it would have cost" line.</param>
    public static UsageSummary Build(ParityStore store, UsageGrouping by, DateTimeOffset? from, DateTimeOffset? to, (string Name, ModelPrice Price)? flagship = null)
    {
        var group = GroupExpression(by);
        LedgerLog.ImportPending(store); // records still in the SQLite gateway's log count too
        var where = "WHERE l.at >= @from AND l.at < @to";
        var args = new
        {
            from = from is { } f ? LedgerTime.ToText(f) : "0000",
            to = to is { } t ? LedgerTime.ToText(t) : "9999",
        };
        var sql = $"""
            SELECT {group} AS grp, COUNT(*) AS requests,
                   CAST(SUM(CASE WHEN l.status >= 400 THEN 1 ELSE 0 END) AS BIGINT) AS errors,
                   CAST(SUM(l.input_tokens) AS BIGINT) AS input, CAST(SUM(l.output_tokens) AS BIGINT) AS output,
                   CAST(SUM(l.cached_tokens) AS BIGINT) AS cached, {Money.Sum(store.Dialect, "l.cost_usd")} AS cost, CAST(AVG(l.latency_ms) AS DOUBLE PRECISION) AS latency,
                   CAST(SUM(CASE WHEN l.origin = 'CN' AND l.open_weights = 1 THEN l.input_tokens + l.output_tokens ELSE 0 END) AS BIGINT) AS cnopentokens,
                   {Money.Sum(store.Dialect, "CASE WHEN l.origin = 'CN' AND l.open_weights = 1 THEN l.cost_usd END")} AS cnopencost
            FROM gateway_ledger l LEFT JOIN gateway_keys k ON k.id = l.key_id
            {where}
            GROUP BY {group}
            """;
        var raw = store.Connection.Query<Raw>(sql, args).ToList();
        var totalTokens = raw.Sum(r => r.Input + r.Output);
        var totalCost = raw.Sum(r => r.CostUsd);
        var rows = raw
            .Select(r => new UsageRow(r.Grp, r.Requests, r.Errors, r.Input, r.Output, r.Cached, r.CostUsd,
                totalTokens > 0 ? (double)(r.Input + r.Output) / totalTokens : 0,
                totalCost > 0 ? (double)(r.CostUsd / totalCost) : 0,
                r.Latency))
            .OrderByDescending(r => r.CostUsd).ThenByDescending(r => r.InputTokens + r.OutputTokens).ThenBy(r => r.Group, StringComparer.Ordinal)
            .ToList();
        var input = raw.Sum(r => r.Input);
        var output = raw.Sum(r => r.Output);
        var cached = raw.Sum(r => r.Cached);
        FlagshipComparison? comparison = flagship is { } fl
            ? new FlagshipComparison(fl.Name, fl.Price, fl.Price.Cost(input, output, cached), totalCost)
            : null;
        return new UsageSummary(
            by.ToString().ToLowerInvariant(), from, to, rows,
            raw.Sum(r => r.Requests), raw.Sum(r => r.Errors), input, output, cached, totalCost,
            totalTokens > 0 ? (double)raw.Sum(r => r.CnOpenTokens) / totalTokens : 0,
            raw.Sum(r => r.CnOpenCostUsd),
            comparison);
    }

    /// <summary>The SQL that names a ledger row's group (<c>l</c> the ledger, <c>k</c> its key).</summary>
    internal static string GroupExpression(UsageGrouping by) => by switch
    {
        UsageGrouping.Model => "COALESCE(l.model, '(none)')",
        UsageGrouping.Origin => "COALESCE(l.origin, '?') || CASE WHEN l.open_weights = 1 THEN ' open' WHEN l.open_weights = 0 THEN ' closed' ELSE '' END",
        UsageGrouping.Vendor => "COALESCE(l.vendor, '?')",
        UsageGrouping.Key => "COALESCE(k.name || ' (' || l.key_id || ')', l.key_id, '(no key)')",
        UsageGrouping.Decision => "CASE WHEN l.route_choice IS NULL THEN l.route || ' (not learned)' " +
            "WHEN l.model IS NULL OR l.model <> l.route_choice THEN l.route || ': chose ' || l.route_choice || ', served by ' || COALESCE(l.model, 'none') " +
            "ELSE l.route || ': chose ' || l.route_choice END",
        _ => "l.route",
    };

    private sealed class Raw
    {
        public string Grp { get; set; } = "";

        public long Requests { get; set; }

        public long Errors { get; set; }

        public long Input { get; set; }

        public long Output { get; set; }

        public long Cached { get; set; }

        /// <summary>The summed cost as the store returns it (SQLite: exact decimal text; PostgreSQL: NUMERIC).</summary>
        public object? Cost { get; set; }

        public decimal CostUsd => Money.Read(Cost) ?? 0;

        public double Latency { get; set; }

        public long CnOpenTokens { get; set; }

        public object? CnOpenCost { get; set; }

        public decimal CnOpenCostUsd => Money.Read(CnOpenCost) ?? 0;
    }
}
