using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Parity.Gateway;

/// <summary>
/// Writes one ledger record's values (a spool record's, <see cref="PostgresLedgerBatch.ParseLines"/>, or
/// <see cref="LedgerInserter.Values"/>) as a row of Npgsql's binary importer, in the order of
/// <see cref="LedgerInserter.Columns"/> and as the column types the database reports. This node's records
/// on the ledger's own schema are encoded by <see cref="LedgerBinaryRows"/> instead.
/// </summary>
internal static class LedgerCopyRows
{
    /// <summary>What the batch needs of a written row to move its key's spend and token counters.</summary>
    internal readonly record struct Summary(string? KeyId, string At, decimal CostUsd, long Tokens);

    /// <summary>Writes a spool record's values (the row is started).</summary>
    public static Summary Write(NpgsqlBinaryImporter copy, object[] row, NpgsqlDbType[] types)
    {
        for (var c = 0; c < row.Length; c++)
        {
            Value(copy, row[c], types[c]);
        }

        var culture = CultureInfo.InvariantCulture;
        return new Summary(
            row[2] as string,
            (string)row[1],
            Convert.ToDecimal(row[12], culture),
            Convert.ToInt64(row[9], culture) + Convert.ToInt64(row[10], culture));
    }

    /// <summary>Any value as any of the column types the writer knows (the uncommon paths: boxed and converted).</summary>
    private static void Value(NpgsqlBinaryImporter copy, object value, NpgsqlDbType type)
    {
        if (value is DBNull)
        {
            copy.WriteNull();
            return;
        }

        var culture = CultureInfo.InvariantCulture;
        switch (type)
        {
            case NpgsqlDbType.Text:
                copy.Write(Convert.ToString(value, culture)!, type);
                break;
            case NpgsqlDbType.Integer:
                copy.Write(Convert.ToInt32(value, culture), type);
                break;
            case NpgsqlDbType.Bigint:
                copy.Write(Convert.ToInt64(value, culture), type);
                break;
            case NpgsqlDbType.Smallint:
                copy.Write(Convert.ToInt16(value, culture), type);
                break;
            case NpgsqlDbType.Numeric:
                copy.Write(Convert.ToDecimal(value, culture), type);
                break;
            case NpgsqlDbType.Double:
                copy.Write(Convert.ToDouble(value, culture), type);
                break;
            case NpgsqlDbType.Real:
                copy.Write(Convert.ToSingle(value, culture), type);
                break;
            default:
                copy.Write(Convert.ToBoolean(value, culture), type);
                break;
        }
    }
}
