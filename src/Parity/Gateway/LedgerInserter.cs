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
        "route_score", "route_threshold", "route_choice", "estimated_input_tokens", "reserved_usd",
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
        Span<object> values = new object[Columns.Length];
        Values(e, values);
        for (var c = 0; c < values.Length; c++)
        {
            p[o + c].Value = values[c];
        }
    }

    /// <summary>
    /// <paramref name="e"/>'s values in the order of <see cref="Columns"/> (nulls as <see cref="DBNull"/>,
    /// flags as 0 or 1): the one place that maps a record to its columns, for every way of writing it.
    /// </summary>
    internal static void Values(LedgerEntry e, Span<object> v)
    {
        v[0] = e.RequestId;
        v[1] = LedgerTime.ToText(e.At);
        v[2] = (object?)e.KeyId ?? DBNull.Value;
        v[3] = e.Route;
        v[4] = (object?)e.Model ?? DBNull.Value;
        v[5] = (object?)e.Provider ?? DBNull.Value;
        v[6] = (object?)e.Vendor ?? DBNull.Value;
        v[7] = (object?)e.Origin ?? DBNull.Value;
        v[8] = e.OpenWeights is { } open ? (open ? 1 : 0) : DBNull.Value;
        v[9] = e.InputTokens;
        v[10] = e.OutputTokens;
        v[11] = e.CachedTokens;
        v[12] = e.CostUsd;
        v[13] = e.LatencyMs;
        v[14] = e.Status;
        v[15] = (object?)e.Error ?? DBNull.Value;
        v[16] = e.Streamed ? 1 : 0;
        v[17] = e.Attempts;
        v[18] = e.UsageSource;
        v[19] = e.Node;
        v[20] = e.RouteScore is { } score ? score : DBNull.Value;
        v[21] = e.RouteThreshold is { } threshold ? threshold : DBNull.Value;
        v[22] = (object?)e.RouteChoice ?? DBNull.Value;
        v[23] = e.EstimatedInputTokens;
        v[24] = e.ReservedUsd;
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
