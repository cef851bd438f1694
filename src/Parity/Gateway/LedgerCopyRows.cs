using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Parity.Gateway;

/// <summary>
/// Writes one ledger record as a row of a binary COPY, in the order of <see cref="LedgerInserter.Columns"/>
/// and as the column types the database reports: from a <see cref="LedgerEntry"/> (this node's records,
/// written field by field, nothing boxed) or from a spool record's values (<see cref="PostgresLedgerBatch.ParseLines"/>).
/// </summary>
internal static class LedgerCopyRows
{
    /// <summary>What the batch needs of a written row to move its key's spend and token counters.</summary>
    internal readonly record struct Summary(string? KeyId, string At, decimal CostUsd, long Tokens);

    /// <summary>Writes <paramref name="e"/>'s columns (the row is started).</summary>
    public static Summary Write(NpgsqlBinaryImporter copy, LedgerEntry e, NpgsqlDbType[] t)
    {
        var at = LedgerTime.ToText(e.At);
        Text(copy, e.RequestId, t[0]);
        Text(copy, at, t[1]);
        Text(copy, e.KeyId, t[2]);
        Text(copy, e.Route, t[3]);
        Text(copy, e.Model, t[4]);
        Text(copy, e.Provider, t[5]);
        Text(copy, e.Vendor, t[6]);
        Text(copy, e.Origin, t[7]);
        if (e.OpenWeights is { } open)
        {
            Whole(copy, open ? 1 : 0, t[8]);
        }
        else
        {
            copy.WriteNull();
        }

        Whole(copy, e.InputTokens, t[9]);
        Whole(copy, e.OutputTokens, t[10]);
        Whole(copy, e.CachedTokens, t[11]);
        Fraction(copy, e.CostUsd, t[12]);
        Real(copy, e.LatencyMs, t[13]);
        Whole(copy, e.Status, t[14]);
        Text(copy, e.Error, t[15]);
        Whole(copy, e.Streamed ? 1 : 0, t[16]);
        Whole(copy, e.Attempts, t[17]);
        Text(copy, e.UsageSource, t[18]);
        Text(copy, e.Node, t[19]);
        Real(copy, e.RouteScore, t[20]);
        Real(copy, e.RouteThreshold, t[21]);
        Text(copy, e.RouteChoice, t[22]);
        Whole(copy, e.EstimatedInputTokens, t[23]);
        Fraction(copy, e.ReservedUsd, t[24]);
        return new Summary(e.KeyId, at, e.CostUsd, e.InputTokens + e.OutputTokens);
    }

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

    private static void Text(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else if (type == NpgsqlDbType.Text)
        {
            copy.Write(value, type);
        }
        else
        {
            Value(copy, value, type);
        }
    }

    private static void Whole(NpgsqlBinaryImporter copy, long value, NpgsqlDbType type)
    {
        switch (type)
        {
            case NpgsqlDbType.Bigint:
                copy.Write(value, type);
                break;
            case NpgsqlDbType.Integer:
                copy.Write(checked((int)value), type);
                break;
            default:
                Value(copy, value, type);
                break;
        }
    }

    private static void Fraction(NpgsqlBinaryImporter copy, decimal value, NpgsqlDbType type)
    {
        if (type == NpgsqlDbType.Numeric)
        {
            copy.Write(value, type);
        }
        else
        {
            Value(copy, value, type);
        }
    }

    private static void Real(NpgsqlBinaryImporter copy, double? value, NpgsqlDbType type)
    {
        if (value is not { } number)
        {
            copy.WriteNull();
        }
        else if (type == NpgsqlDbType.Double)
        {
            copy.Write(number, type);
        }
        else
        {
            Value(copy, number, type);
        }
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
