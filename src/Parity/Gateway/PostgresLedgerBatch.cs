using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Parity.Gateway;

/// <summary>
/// Writes a batch of ledger records to PostgreSQL in one transaction: a binary COPY into <c>gateway_ledger</c>,
/// or, when the batch holds a record already there, a COPY into a temporary table and one
/// <c>INSERT … ON CONFLICT (request_id) DO NOTHING</c>, so a record written twice is one row. With <c>reconcile</c> the same transaction adds the new rows'
/// costs and tokens to their keys' shared spend and minute counters and takes them off the writing
/// node's lease (see <see cref="LeasedKeyLimits"/>). Not thread-safe: one per writer.
/// </summary>
internal sealed class PostgresLedgerBatch(NpgsqlDataSource dataSource, bool reconcile, Func<string, VirtualKey?> findKey) : IDisposable
{
    private static readonly string[] Columns = LedgerInserter.Columns;

    private static readonly string ColumnList = string.Join(", ", Columns);

    private readonly Dictionary<string, (VirtualKey? Key, DateTime Until)> keys = new(StringComparer.Ordinal);
    private NpgsqlConnection? connection;
    private NpgsqlDbType[] types = [];
    private bool batchTable;
    private readonly System.Buffers.ArrayBufferWriter<byte> encoded = new(256 * 1024 + 4096);
    private long repeatedBatches;

    /// <summary>
    /// The records of spool lines (complete lines, as <see cref="LedgerLogFormat"/> writes them) as column
    /// values; a line that is not a record is an error naming the file and byte.
    /// </summary>
    public static List<object[]> ParseLines(ReadOnlySpan<byte> lines, string path)
    {
        var rows = new List<object[]>();
        var offset = 0;
        while (offset < lines.Length)
        {
            var length = lines[offset..].IndexOf((byte)'\n');
            if (length < 0)
            {
                break;
            }

            if (length > 0)
            {
                rows.Add(ParseLine(lines.Slice(offset, length), path, offset));
            }

            offset += length + 1;
        }

        return rows;
    }

    private static object[] ParseLine(ReadOnlySpan<byte> line, string path, long at)
    {
        var values = new object[Columns.Length];
        Array.Fill(values, DBNull.Value);
        try
        {
            var r = new Utf8JsonReader(line);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("not a JSON object");
            }

            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var column = Array.IndexOf(Columns, r.GetString());
                r.Read();
                if (column < 0)
                {
                    r.Skip();
                    continue;
                }

                values[column] = r.TokenType switch
                {
                    JsonTokenType.String => r.GetString()!,
                    JsonTokenType.True => 1,
                    JsonTokenType.False => 0,
                    JsonTokenType.Number => r.TryGetInt64(out var whole) ? whole : r.GetDecimal(),
                    JsonTokenType.Null => DBNull.Value,
                    _ => throw new JsonException($"'{Columns[column]}' is not a string, number or flag"),
                };
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new ParityException($"{path}, byte {at}: not a ledger record ({ex.Message}).", ex);
        }

        foreach (var required in (string[])["request_id", "at", "route", "node"])
        {
            if (values[Array.IndexOf(Columns, required)] is not string)
            {
                throw new ParityException($"{path}, byte {at}: a ledger record needs request_id, at, route and node.");
            }
        }

        if (!LedgerTime.IsText(Encoding.UTF8.GetBytes((string)values[Array.IndexOf(Columns, "at")])))
        {
            throw new ParityException($"{path}, byte {at}: 'at' is not a UTC time like 2026-11-01T12:00:00.0000000Z.");
        }

        for (var c = 0; c < Columns.Length; c++)
        {
            if (values[c] is DBNull)
            {
                values[c] = Columns[c] switch
                {
                    "input_tokens" or "output_tokens" or "cached_tokens" or "status" or "attempts" or "streamed" or "estimated_input_tokens" => 0L,
                    "cost_usd" or "latency_ms" or "reserved_usd" => 0m,
                    "usage_source" => "none",
                    _ => DBNull.Value,
                };
            }
        }

        return values;
    }

    /// <summary>Writes spool records (see <see cref="ParseLines"/>) written by <paramref name="node"/> in one transaction; returns the rows that were new.</summary>
    public long Write(IReadOnlyList<object[]> rows, string node) =>
        Write(rows.Count, node, (conn, table, sums) => CopyWithImporter(conn, table, rows, static (copy, row, types) => LedgerCopyRows.Write(copy, row, types), sums));

    /// <summary>Writes this node's records in one transaction; returns the rows that were new.</summary>
    public long Write(IReadOnlyList<LedgerEntry> entries, string node) =>
        Write(entries.Count, node, (conn, table, sums) =>
        {
            if (LedgerBinaryRows.Matches(types))
            {
                CopyEncoded(conn, table, entries, sums);
            }
            else
            {
                // A schema whose column types differ: the records' values, converted by the importer.
                var rows = entries.Select(entry =>
                {
                    var values = new object[Columns.Length];
                    LedgerInserter.Values(entry, values);
                    return values;
                }).ToList();
                CopyWithImporter(conn, table, rows, static (copy, row, types) => LedgerCopyRows.Write(copy, row, types), sums);
            }
        });

    /// <summary>Copies a batch's rows into a table, adding each to the sums (when given) by key and minute.</summary>
    private delegate void RowsCopy(NpgsqlConnection conn, string table, Dictionary<(string? Key, string Minute), (decimal Cost, long Tokens, long Rows)>? sums);

    /// <summary>
    /// Copies the rows straight into <c>gateway_ledger</c>, the usual case, where none of them is there yet.
    /// When one is (a batch written again after a failure whose commit had in fact gone through, or a spool
    /// imported again), the unique request id refuses the whole COPY, and the batch is written again through
    /// a temporary table, skipping the rows already present.
    /// </summary>
    private long Write(int count, string node, RowsCopy copy)
    {
        var conn = Connection();
        try
        {
            return WriteNew(conn, count, node, copy);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            Interlocked.Increment(ref repeatedBatches);
            return WriteSkippingRepeats(Connection(), node, copy);
        }
    }

    /// <summary>Batches that held a record already in the ledger and were written again skipping it.</summary>
    public long RepeatedBatches => Interlocked.Read(ref repeatedBatches);

    private long WriteNew(NpgsqlConnection conn, int count, string node, RowsCopy copy)
    {
        using var tx = conn.BeginTransaction();
        var sums = new Dictionary<(string? Key, string Minute), (decimal Cost, long Tokens, long Rows)>();
        copy(conn, "gateway_ledger", sums);
        var added = sums.Select(s => (s.Key.Key, s.Key.Minute, s.Value.Cost, s.Value.Tokens, s.Value.Rows)).ToList();
        if (reconcile)
        {
            Reconcile(conn, tx, added, node);
        }

        tx.Commit();
        return count;
    }

    private void CopyWithImporter<T>(NpgsqlConnection conn, string table, IReadOnlyList<T> rows, Func<NpgsqlBinaryImporter, T, NpgsqlDbType[], LedgerCopyRows.Summary> writeRow, Dictionary<(string? Key, string Minute), (decimal Cost, long Tokens, long Rows)>? sums)
    {
        using var copy = conn.BeginBinaryImport($"COPY {table} ({ColumnList}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            copy.StartRow();
            Add(sums, writeRow(copy, row, types));
        }

        copy.Complete();
    }

    /// <summary>The records encoded here (<see cref="LedgerBinaryRows"/>) and sent as raw COPY data, in pieces of about 256 KB.</summary>
    private void CopyEncoded(NpgsqlConnection conn, string table, IReadOnlyList<LedgerEntry> entries, Dictionary<(string? Key, string Minute), (decimal Cost, long Tokens, long Rows)>? sums)
    {
        encoded.ResetWrittenCount();
        using var stream = conn.BeginRawBinaryCopy($"COPY {table} ({ColumnList}) FROM STDIN (FORMAT BINARY)");
        try
        {
            LedgerBinaryRows.Header(encoded);
            foreach (var entry in entries)
            {
                Add(sums, LedgerBinaryRows.Write(encoded, entry));
                if (encoded.WrittenCount >= 256 * 1024)
                {
                    stream.Write(encoded.WrittenSpan);
                    encoded.ResetWrittenCount();
                }
            }

            LedgerBinaryRows.Trailer(encoded);
            stream.Write(encoded.WrittenSpan);
            encoded.ResetWrittenCount();
        }
        catch (Exception ex) when (ex is not NpgsqlException)
        {
            // Ends the COPY without its rows, so that this error is the one reported (closing the stream would
            // send what was written as if it were whole, and report PostgreSQL's complaint about that instead).
            try
            {
                stream.Cancel();
            }
            catch (PostgresException)
            {
            }

            throw;
        }
    }

    private static void Add(Dictionary<(string? Key, string Minute), (decimal Cost, long Tokens, long Rows)>? sums, LedgerCopyRows.Summary row)
    {
        if (sums is null)
        {
            return;
        }

        var minute = (row.KeyId, row.At[..16]);
        var sum = sums.GetValueOrDefault(minute);
        sums[minute] = (sum.Cost + row.CostUsd, sum.Tokens + row.Tokens, sum.Rows + 1);
    }

    private long WriteSkippingRepeats(NpgsqlConnection conn, string node, RowsCopy copy)
    {
        EnsureBatchTable(conn);
        using var tx = conn.BeginTransaction();
        copy(conn, "gateway_ledger_batch", null);
        var added = new List<(string? Key, string Minute, decimal Cost, long Tokens, long Rows)>();
        using (var insert = new NpgsqlCommand(
            $"""
            WITH ins AS (
                INSERT INTO gateway_ledger ({ColumnList}) SELECT {ColumnList} FROM gateway_ledger_batch
                ON CONFLICT (request_id) DO NOTHING
                RETURNING key_id, at, cost_usd, input_tokens + output_tokens AS tokens)
            SELECT key_id, substr(at, 1, 16), COALESCE(SUM(cost_usd), 0), COALESCE(SUM(tokens), 0)::bigint, COUNT(*) FROM ins GROUP BY 1, 2
            """, conn, tx))
        using (var reader = insert.ExecuteReader())
        {
            while (reader.Read())
            {
                added.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetInt64(3), reader.GetInt64(4)));
            }
        }

        if (reconcile)
        {
            Reconcile(conn, tx, added, node);
        }

        tx.Commit();
        return added.Sum(a => a.Rows);
    }

    /// <summary>The connection's temporary table for batches that may repeat records (made on first use).</summary>
    private void EnsureBatchTable(NpgsqlConnection conn)
    {
        if (batchTable)
        {
            return;
        }

        using (var temp = new NpgsqlCommand($"CREATE TEMP TABLE gateway_ledger_batch ON COMMIT DELETE ROWS AS SELECT {ColumnList} FROM gateway_ledger WITH NO DATA", conn))
        {
            temp.ExecuteNonQuery();
        }

        batchTable = true;
    }

    /// <summary>Adds the new rows' costs and tokens to the keys' counters and takes them off <paramref name="node"/>'s leases.</summary>
    private void Reconcile(NpgsqlConnection conn, NpgsqlTransaction tx, List<(string? Key, string Minute, decimal Cost, long Tokens, long Rows)> added, string node)
    {
        var spend = new SortedDictionary<(string Key, string Period), decimal>();
        var tokens = new SortedDictionary<(string Key, string Window), long>();
        foreach (var (keyId, minuteText, cost, count, _) in added)
        {
            if (keyId is null || Key(keyId) is not { } key)
            {
                continue;
            }

            var minute = LedgerTime.Parse(minuteText + ":00Z");
            if (key.BudgetUsd is not null && cost != 0)
            {
                var period = (keyId, LedgerTime.ToText(BudgetPeriods.StartOf(key.Period, minute)));
                spend[period] = spend.GetValueOrDefault(period) + cost;
            }

            if (key.Tpm is not null && count != 0)
            {
                var window = (keyId, LedgerTime.ToText(minute));
                tokens[window] = tokens.GetValueOrDefault(window) + count;
            }
        }

        // Locked in the order gateway_renew_lease locks them (spend, window, lease), each kind by key.
        if (spend.Count > 0)
        {
            Execute(conn, tx,
                """
                INSERT INTO gateway_key_spend (key_id, period_start, spent_usd, reserved_usd)
                SELECT t.k, t.p, t.x, 0 FROM unnest(@k, @p, @x) AS t(k, p, x) ORDER BY t.k, t.p
                ON CONFLICT (key_id, period_start) DO UPDATE SET spent_usd = gateway_key_spend.spent_usd + excluded.spent_usd
                """,
                node, [.. spend.Keys.Select(k => k.Key)], [.. spend.Keys.Select(k => k.Period)], spend.Values.ToArray());
        }

        if (tokens.Count > 0)
        {
            Execute(conn, tx,
                """
                INSERT INTO gateway_key_windows (key_id, window_start, requests, tokens)
                SELECT t.k, t.p, 0, t.x FROM unnest(@k, @p, @x) AS t(k, p, x) ORDER BY t.k, t.p
                ON CONFLICT (key_id, window_start) DO UPDATE SET tokens = gateway_key_windows.tokens + excluded.tokens
                """,
                node, [.. tokens.Keys.Select(k => k.Key)], [.. tokens.Keys.Select(k => k.Window)], tokens.Values.ToArray());
        }

        if (spend.Count > 0)
        {
            Execute(conn, tx,
                """
                UPDATE gateway_key_leases l SET budget_usd = GREATEST(0, l.budget_usd - t.x), imported_usd = l.imported_usd + t.x
                FROM unnest(@k, @p, @x) AS t(k, p, x) WHERE l.key_id = t.k AND l.node = @node AND l.period_start = t.p
                """,
                node, [.. spend.Keys.Select(k => k.Key)], [.. spend.Keys.Select(k => k.Period)], spend.Values.ToArray());
        }

        if (tokens.Count > 0)
        {
            Execute(conn, tx,
                """
                UPDATE gateway_key_leases l SET tokens = GREATEST(0, l.tokens - t.x), imported_tokens = l.imported_tokens + t.x
                FROM unnest(@k, @p, @x) AS t(k, p, x) WHERE l.key_id = t.k AND l.node = @node AND l.window_start = t.p
                """,
                node, [.. tokens.Keys.Select(k => k.Key)], [.. tokens.Keys.Select(k => k.Window)], tokens.Values.ToArray());
        }
    }

    private static void Execute<T>(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, string node, string[] keys, string[] periods, T[] amounts)
    {
        using var command = new NpgsqlCommand(sql, conn, tx);
        command.Parameters.Add(new NpgsqlParameter<string[]>("k", keys));
        command.Parameters.Add(new NpgsqlParameter<string[]>("p", periods));
        command.Parameters.Add(new NpgsqlParameter<T[]>("x", amounts));
        command.Parameters.Add(new NpgsqlParameter<string>("node", node));
        command.ExecuteNonQuery();
    }

    /// <summary>A key's period and limits, looked up at most every 5 s (a key's budget period rarely changes).</summary>
    private VirtualKey? Key(string id)
    {
        if (keys.TryGetValue(id, out var cached) && cached.Until > DateTime.UtcNow)
        {
            return cached.Key;
        }

        var key = findKey(id);
        keys[id] = (key, DateTime.UtcNow.AddSeconds(5));
        return key;
    }

    /// <summary>The writer's connection, with its temporary table and the ledger's column types (opened again after a failure).</summary>
    private NpgsqlConnection Connection()
    {
        if (connection is { State: System.Data.ConnectionState.Open })
        {
            return connection;
        }

        Reset();
        var conn = dataSource.OpenConnection();
        try
        {
            var found = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var columns = new NpgsqlCommand("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'gateway_ledger' AND table_schema = current_schema()", conn))
            using (var reader = columns.ExecuteReader())
            {
                while (reader.Read())
                {
                    found[reader.GetString(0)] = reader.GetString(1);
                }
            }

            types = [.. Columns.Select(c => found.TryGetValue(c, out var type) ? TypeOf(type, c) : throw new ParityException($"gateway_ledger has no column '{c}': the database's schema is older than this gateway."))];
            connection = conn;
            return conn;
        }
        catch
        {
            conn.Dispose();
            throw;
        }
    }

    private static NpgsqlDbType TypeOf(string type, string column) => type switch
    {
        "text" or "character varying" => NpgsqlDbType.Text,
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "smallint" => NpgsqlDbType.Smallint,
        "numeric" => NpgsqlDbType.Numeric,
        "double precision" => NpgsqlDbType.Double,
        "real" => NpgsqlDbType.Real,
        "boolean" => NpgsqlDbType.Boolean,
        _ => throw new ParityException($"gateway_ledger.{column} is of type {type}, which the ledger writer does not know."),
    };

    /// <summary>Drops the connection (after a failure); the next batch opens a new one.</summary>
    public void Reset()
    {
        connection?.Dispose();
        connection = null;
        batchTable = false;
    }

    public void Dispose() => Reset();
}
