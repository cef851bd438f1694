using System.Data.Common;
using Parity.Storage;

namespace Parity.Gateway;

/// <summary>
/// Inserts ledger records with multi-row INSERTs prepared once on one connection and reused
/// (the largest chunk that fits first, then smaller ones). Not thread-safe: one per writer.
/// </summary>
internal sealed class LedgerInserter(ParityStore store) : IDisposable
{
    /// <summary><c>gateway_ledger</c>'s written columns, in order (also the ledger log's JSON names, see <see cref="LedgerLineImporter"/>).</summary>
    internal static readonly string[] Columns =
    [
        "request_id", "at", "key_id", "route", "model", "provider", "vendor", "origin", "open_weights",
        "input_tokens", "output_tokens", "cached_tokens", "cost_usd", "latency_ms", "status", "error", "streamed", "attempts", "usage_source", "node",
        "route_score", "route_threshold", "route_choice",
    ];

    /// <summary>Rows per prepared multi-row INSERT; a batch is written with the largest that fit, then smaller ones.</summary>
    private static readonly int[] ChunkSizes = [64, 16, 4, 1];

    private readonly Dictionary<int, (DbCommand Command, DbParameter[] Parameters)> inserts = [];

    private readonly KeySpendRollup spend = new();

    /// <summary>Inserts <paramref name="entries"/> inside <paramref name="transaction"/>.</summary>
    public void Insert(IReadOnlyList<LedgerEntry> entries, DbTransaction transaction)
    {
        var next = 0;
        foreach (var size in ChunkSizes)
        {
            while (entries.Count - next >= size)
            {
                var (command, p) = Prepared(size);
                command.Transaction = transaction;
                for (var r = 0; r < size; r++)
                {
                    Bind(p, r * Columns.Length, entries[next + r]);
                }

                command.ExecuteNonQuery();
                command.Transaction = null;
                next += size;
            }
        }

        if (store.Dialect == SqlDialect.Sqlite)
        {
            foreach (var entry in entries)
            {
                if (entry.KeyId is { } keyId)
                {
                    spend.Add(keyId, entry.At, entry.CostUsd);
                }
            }

            spend.Flush(store.Connection, transaction);
        }
    }

    private (DbCommand Command, DbParameter[] Parameters) Prepared(int rows)
    {
        if (inserts.TryGetValue(rows, out var prepared))
        {
            return prepared;
        }

        var command = store.Connection.CreateCommand();
        var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Columns.Select((_, c) => $"@p{r * Columns.Length + c}")) + ")");
        command.CommandText = $"INSERT INTO gateway_ledger ({string.Join(", ", Columns)}) VALUES {string.Join(", ", values)}";
        var parameters = new DbParameter[rows * Columns.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
            parameters[i] = parameter;
        }

        inserts[rows] = (command, parameters);
        return (command, parameters);
    }

    private static void Bind(DbParameter[] p, int o, LedgerEntry e)
    {
        p[o].Value = e.RequestId;
        p[o + 1].Value = LedgerTime.ToText(e.At);
        p[o + 2].Value = (object?)e.KeyId ?? DBNull.Value;
        p[o + 3].Value = e.Route;
        p[o + 4].Value = (object?)e.Model ?? DBNull.Value;
        p[o + 5].Value = (object?)e.Provider ?? DBNull.Value;
        p[o + 6].Value = (object?)e.Vendor ?? DBNull.Value;
        p[o + 7].Value = (object?)e.Origin ?? DBNull.Value;
        p[o + 8].Value = e.OpenWeights is { } open ? (open ? 1 : 0) : DBNull.Value;
        p[o + 9].Value = e.InputTokens;
        p[o + 10].Value = e.OutputTokens;
        p[o + 11].Value = e.CachedTokens;
        p[o + 12].Value = e.CostUsd;
        p[o + 13].Value = e.LatencyMs;
        p[o + 14].Value = e.Status;
        p[o + 15].Value = (object?)e.Error ?? DBNull.Value;
        p[o + 16].Value = e.Streamed ? 1 : 0;
        p[o + 17].Value = e.Attempts;
        p[o + 18].Value = e.UsageSource;
        p[o + 19].Value = e.Node;
        p[o + 20].Value = e.RouteScore is { } score ? score : DBNull.Value;
        p[o + 21].Value = e.RouteThreshold is { } threshold ? threshold : DBNull.Value;
        p[o + 22].Value = (object?)e.RouteChoice ?? DBNull.Value;
    }

    public void Dispose()
    {
        foreach (var (command, _) in inserts.Values)
        {
            command.Dispose();
        }

        inserts.Clear();
    }
}
