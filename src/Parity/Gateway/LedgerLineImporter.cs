using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Parity.Storage;
using SQLitePCL;

namespace Parity.Gateway;

/// <summary>
/// Inserts ledger log lines into <c>gateway_ledger</c> on a SQLite store, binding each JSON value's
/// UTF-8 bytes straight to a prepared statement by position (no strings, no records, no parameter
/// lookups by name). Runs inside the caller's transaction on the same connection. Not thread-safe.
/// </summary>
internal sealed class LedgerLineImporter : IDisposable
{
    // Column positions (1-based, as SQLite numbers parameters), in the order of LedgerInserter.Columns.
    private const int RequestId = 1, At = 2, KeyId = 3, Route = 4, Model = 5, Provider = 6, Vendor = 7, Origin = 8, OpenWeights = 9,
        InputTokens = 10, OutputTokens = 11, CachedTokens = 12, CostUsd = 13, LatencyMs = 14, Status = 15, Error = 16, Streamed = 17,
        Attempts = 18, UsageSource = 19, Node = 20, RouteScore = 21, RouteThreshold = 22, RouteChoice = 23,
        EstimatedInputTokens = 24, ReservedUsd = 25;

    private static readonly int Columns = LedgerInserter.Columns.Length;

    /// <summary>The column names as UTF-8, which are the ledger log's JSON property names.</summary>
    private static readonly byte[][] Names = [.. LedgerInserter.Columns.Select(Encoding.UTF8.GetBytes)];

    /// <summary>Rows per multi-row INSERT: one statement run inserts them all (fewer calls into SQLite per row).</summary>
    private const int GroupRows = 32;

    private readonly sqlite3 db;
    private readonly sqlite3_stmt one;
    private readonly sqlite3_stmt group;
    private sqlite3_stmt statement;
    private IntPtr handle; // statement's native handle (the importer keeps both statements alive)
    private int row; // the row of the statement being bound (its parameters start at row * Columns)
    private byte[] unescaped = new byte[256];

    /// <summary>The imported records' spend per key and day, for the caller to flush in the same transaction.</summary>
    public KeySpendRollup Spend { get; } = new();

    public LedgerLineImporter(ParityStore store)
    {
        if (store.Connection is not SqliteConnection { Handle: { } connection })
        {
            throw new ArgumentException("The ledger log imports into an open SQLite store.", nameof(store));
        }

        db = connection;
        Check(raw.sqlite3_prepare_v2(db, InsertOf(1), out one));
        Check(raw.sqlite3_prepare_v2(db, InsertOf(GroupRows), out group));
        statement = one;
        handle = one.DangerousGetHandle();
    }

    private static string InsertOf(int rows) =>
        $"INSERT INTO gateway_ledger ({string.Join(", ", LedgerInserter.Columns)}) VALUES " +
        string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(1, Columns).Select(c => $"?{(r * Columns) + c}")) + ")"));

    /// <summary>
    /// Inserts complete lines (<paramref name="lines"/> ends with a newline), naming the file and byte of a
    /// bad one. The lines must be in pinned memory: their values are bound in place, not copied.
    /// </summary>
    public long InsertLines(ReadOnlySpan<byte> lines, string path, long position)
    {
        long count = 0;
        var offset = 0;
        var left = Records(lines);
        while (offset < lines.Length)
        {
            var length = lines[offset..].IndexOf((byte)'\n');
            if (length > 0)
            {
                if (row == 0)
                {
                    statement = left >= GroupRows ? group : one;
                    handle = statement.DangerousGetHandle();
                }

                BindLine(lines.Slice(offset, length), path, position + offset);
                count++;
                left--;
                if (++row == (statement == group ? GroupRows : 1))
                {
                    Step();
                }
            }

            offset += length + 1;
        }

        return count;
    }

    private void Step()
    {
        var stepped = raw.sqlite3_step(statement);
        Reset();
        if (stepped != raw.SQLITE_DONE)
        {
            Check(stepped);
        }
    }

    /// <summary>Binds one record to the statement's current row.</summary>
    private void BindLine(ReadOnlySpan<byte> line, string path, long at)
    {
        var first = row * Columns; // parameter index before this row's first
        var bound = 0; // a bit per column given
        ReadOnlySpan<byte> keyId = default, time = default; // for the spend rollup
        var hasKey = false;
        var cost = 0m;
        try
        {
            var r = new Utf8JsonReader(line);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("not a JSON object");
            }

            var column = 0;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                column = ColumnOf(ref r, column);
                r.Read();
                if (column == 0)
                {
                    r.Skip();
                    continue;
                }

                if (r.TokenType == JsonTokenType.Null)
                {
                    Check(SqliteBind.Null(handle, first + column));
                }
                else
                {
                    switch (column)
                    {
                        case OpenWeights or Streamed:
                            Check(SqliteBind.Int64(handle, first + column, r.GetBoolean() ? 1 : 0));
                            break;
                        case InputTokens or OutputTokens or CachedTokens or Status or Attempts or EstimatedInputTokens:
                            Check(SqliteBind.Int64(handle, first + column, r.GetInt64()));
                            break;
                        case CostUsd:
                            cost = BindMoney(ref r, first + column, "cost_usd");
                            break;
                        case ReservedUsd:
                            BindMoney(ref r, first + column, "reserved_usd");
                            break;
                        case LatencyMs or RouteScore or RouteThreshold:
                            Check(SqliteBind.Double(handle, first + column, r.GetDouble()));
                            break;
                        default:
                            BindText(ref r, column, first);
                            if (column is KeyId or At)
                            {
                                var text = r.ValueIsEscaped ? Encoding.UTF8.GetBytes(r.GetString()!) : r.ValueSpan;
                                if (column == KeyId)
                                {
                                    keyId = text;
                                    hasKey = true;
                                }
                                else
                                {
                                    time = text;
                                }
                            }

                            break;
                    }
                }

                bound |= 1 << column;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            Reset();
            throw new ParityException($"{path}, byte {at}: not a ledger record ({ex.Message}).", ex);
        }

        foreach (var required in (ReadOnlySpan<int>)[RequestId, At, Route, Node])
        {
            if ((bound & (1 << required)) == 0)
            {
                Reset();
                throw new ParityException($"{path}, byte {at}: a ledger record needs request_id, at, route and node.");
            }
        }

        for (var column = 1; column <= Columns; column++)
        {
            if ((bound & (1 << column)) == 0)
            {
                var missing = column switch
                {
                    InputTokens or OutputTokens or CachedTokens or Status or Attempts or Streamed or EstimatedInputTokens => SqliteBind.Int64(handle, first + column, 0),
                    CostUsd or ReservedUsd => SqliteBind.PinnedText(handle, first + column, "0"u8),
                    LatencyMs => SqliteBind.Double(handle, first + column, 0),
                    UsageSource => SqliteBind.PinnedText(handle, first + column, "none"u8),
                    _ => SqliteBind.Null(handle, first + column),
                };
                Check(missing);
            }
        }

        if (hasKey)
        {
            Spend.Add(keyId, time, cost);
        }
    }

    /// <summary>The non-empty lines of <paramref name="lines"/>.</summary>
    private static int Records(ReadOnlySpan<byte> lines)
    {
        var records = 0;
        foreach (var range in lines.Split((byte)'\n'))
        {
            if (range.End.GetOffset(lines.Length) > range.Start.GetOffset(lines.Length))
            {
                records++;
            }
        }

        return records;
    }

    /// <summary>
    /// Binds a money value as the exact decimal text SQLite keeps (see <see cref="Storage.Money"/>): the
    /// number's bytes in place when they are plain decimal digits (as this gateway writes them), else
    /// (an exponent, as older logs wrote binary doubles) the decimal's own text.
    /// </summary>
    private decimal BindMoney(ref Utf8JsonReader r, int index, string name)
    {
        if (r.TokenType != JsonTokenType.Number)
        {
            throw new JsonException($"'{name}' is not a number");
        }

        var bytes = r.ValueSpan;
        if (!decimal.TryParse(bytes, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new JsonException($"'{name}' is not an amount: {Encoding.UTF8.GetString(bytes)}");
        }

        if (bytes.IndexOfAny((byte)'e', (byte)'E') < 0)
        {
            Check(SqliteBind.PinnedText(handle, index, bytes));
        }
        else
        {
            Span<byte> text = stackalloc byte[64];
            value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
            Check(SqliteBind.Text(handle, index, text[..written]));
        }

        return value;
    }

    private void BindText(ref Utf8JsonReader r, int column, int first)
    {
        if (r.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"'{ColumnName(column)}' is not a string");
        }

        if (r.ValueIsEscaped)
        {
            // Rare (a route name with quotes or non-ASCII escapes): unescaped into a buffer SQLite copies from.
            var needed = r.HasValueSequence ? (int)r.ValueSequence.Length : r.ValueSpan.Length;
            if (unescaped.Length < needed)
            {
                unescaped = new byte[Math.Max(needed, unescaped.Length * 2)];
            }

            var copy = unescaped.AsSpan(0, r.CopyString(unescaped));
            CheckTime(column, copy);
            Check(SqliteBind.Text(handle, first + column, copy));
            return;
        }

        // The value's bytes are in the caller's pinned lines, alive until the statement runs: bound in place.
        var value = r.ValueSpan;
        CheckTime(column, value);
        Check(SqliteBind.PinnedText(handle, first + column, value));
    }

    private static void CheckTime(int column, ReadOnlySpan<byte> value)
    {
        if (column == At && !LedgerTime.IsText(value))
        {
            throw new FormatException($"'at' is not a UTC time like 2026-11-01T12:00:00.0000000Z: '{Encoding.UTF8.GetString(value)}'");
        }
    }

    /// <summary>
    /// The parameter position (1-based) of the property the reader is on, or 0 for a property that is no
    /// column. The gateway writes the columns in order, so the search starts after <paramref name="previous"/>.
    /// </summary>
    private static int ColumnOf(ref Utf8JsonReader r, int previous)
    {
        for (var n = 0; n < Names.Length; n++)
        {
            var i = (previous + n) % Names.Length;
            if (r.ValueTextEquals(Names[i]))
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static string ColumnName(int column) => LedgerInserter.Columns[column - 1];

    private void Reset()
    {
        raw.sqlite3_reset(statement);
        raw.sqlite3_clear_bindings(statement);
        row = 0;
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'.", result);
        }
    }

    public void Dispose()
    {
        one.Dispose();
        group.Dispose();
    }
}
