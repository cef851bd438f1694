using Dapper;
using Parity.Storage;

namespace Parity.Gateway;

/// <summary>The ledger per UTC day and group, for the dashboard's spend-over-time chart.</summary>
public static class UsageTimeline
{
    /// <summary>Sums the ledger per day and group between <paramref name="from"/> (inclusive) and <paramref name="to"/> (exclusive), oldest day first.</summary>
    public static IReadOnlyList<UsageDay> Build(ParityStore store, UsageGrouping by, DateTimeOffset? from, DateTimeOffset? to)
    {
        LedgerLog.ImportPending(store);
        var group = UsageReport.GroupExpression(by);
        var sql = $"""
            SELECT SUBSTR(l.at, 1, 10) AS Day, {group} AS "Group", COUNT(*) AS Requests,
                   CAST(SUM(l.input_tokens) AS BIGINT) AS InputTokens, CAST(SUM(l.output_tokens) AS BIGINT) AS OutputTokens,
                   CAST(SUM(l.cost_usd) AS DOUBLE PRECISION) AS CostUsd
            FROM gateway_ledger l LEFT JOIN gateway_keys k ON k.id = l.key_id
            WHERE l.at >= @from AND l.at < @to
            GROUP BY SUBSTR(l.at, 1, 10), {group}
            ORDER BY 1, 2
            """;
        return store.Connection.Query<UsageDay>(sql, new
        {
            from = from is { } f ? LedgerTime.ToText(f) : "0000",
            to = to is { } t ? LedgerTime.ToText(t) : "9999",
        }).AsList();
    }
}
