using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NpgsqlTypes;

namespace Parity.Gateway;

/// <summary>
/// This node's ledger records in PostgreSQL's binary COPY format (a header, then per row its field count and
/// each field as a length and its bytes, then a trailer), encoded here for <c>gateway_ledger</c>'s own column
/// types. Npgsql's importer costs about 2 µs per record on the writer thread (a converter lookup and an
/// asynchronous write per field); this writes a batch into one buffer. Used only when the table's column
/// types are these (<see cref="Matches"/>); any other schema goes through <see cref="LedgerCopyRows"/>.
/// </summary>
internal static class LedgerBinaryRows
{
    /// <summary>The types of <see cref="LedgerInserter.Columns"/> this writer encodes, in order.</summary>
    private static readonly NpgsqlDbType[] Expected =
    [
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Integer, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Numeric, NpgsqlDbType.Double, NpgsqlDbType.Integer,
        NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Double, NpgsqlDbType.Double,
        NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Numeric,
    ];

    /// <summary>"F0" to "F28": a decimal's digits at its own scale.</summary>
    private static readonly string[] ScaleFormats = [.. Enumerable.Range(0, 29).Select(scale => "F" + scale.ToString(CultureInfo.InvariantCulture))];

    /// <summary><c>PGCOPY\n\377\r\n\0</c>, as bytes (a u8 literal would encode \377 as two).</summary>
    private static ReadOnlySpan<byte> Signature => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    /// <summary>Whether the table's column types are the ones this writer encodes.</summary>
    public static bool Matches(NpgsqlDbType[] types) => types.AsSpan().SequenceEqual(Expected);

    /// <summary>The COPY header: signature, flags and header extension length.</summary>
    public static void Header(IBufferWriter<byte> output)
    {
        var span = output.GetSpan(19);
        Signature.CopyTo(span);
        BinaryPrimitives.WriteInt32BigEndian(span[11..], 0);
        BinaryPrimitives.WriteInt32BigEndian(span[15..], 0);
        output.Advance(19);
    }

    /// <summary>The COPY trailer (a field count of -1).</summary>
    public static void Trailer(IBufferWriter<byte> output)
    {
        BinaryPrimitives.WriteInt16BigEndian(output.GetSpan(2), -1);
        output.Advance(2);
    }

    /// <summary>Writes <paramref name="e"/> as one row; returns what the batch needs of it.</summary>
    public static LedgerCopyRows.Summary Write(IBufferWriter<byte> output, LedgerEntry e)
    {
        var at = LedgerTime.ToText(e.At);
        Int16(output, (short)Expected.Length);
        Text(output, e.RequestId);
        Text(output, at);
        Text(output, e.KeyId);
        Text(output, e.Route);
        Text(output, e.Model);
        Text(output, e.Provider);
        Text(output, e.Vendor);
        Text(output, e.Origin);
        if (e.OpenWeights is { } open)
        {
            Int32(output, open ? 1 : 0);
        }
        else
        {
            Null(output);
        }

        Int64(output, e.InputTokens);
        Int64(output, e.OutputTokens);
        Int64(output, e.CachedTokens);
        Numeric(output, e.CostUsd);
        Float64(output, e.LatencyMs);
        Int32(output, e.Status);
        Text(output, e.Error);
        Int32(output, e.Streamed ? 1 : 0);
        Int32(output, e.Attempts);
        Text(output, e.UsageSource);
        Text(output, e.Node);
        Float64(output, e.RouteScore);
        Float64(output, e.RouteThreshold);
        Text(output, e.RouteChoice);
        Int64(output, e.EstimatedInputTokens);
        Numeric(output, e.ReservedUsd);
        return new LedgerCopyRows.Summary(e.KeyId, at, e.CostUsd, e.InputTokens + e.OutputTokens);
    }

    /// <summary>A NULL field: a length of -1 and no bytes.</summary>
    private static void Null(IBufferWriter<byte> output)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), -1);
        output.Advance(4);
    }

    private static void Text(IBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            Null(output);
            return;
        }

        var span = output.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        output.Advance(4 + length);
    }

    private static void Int16(IBufferWriter<byte> output, short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    private static void Int32(IBufferWriter<byte> output, int value)
    {
        var span = output.GetSpan(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
        output.Advance(8);
    }

    private static void Int64(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
        output.Advance(12);
    }

    private static void Float64(IBufferWriter<byte> output, double? value)
    {
        if (value is not { } number)
        {
            Null(output);
            return;
        }

        var span = output.GetSpan(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteDoubleBigEndian(span[4..], number);
        output.Advance(12);
    }

    /// <summary>
    /// A decimal as PostgreSQL's binary numeric: digit count, weight (of the first base-10000 digit), sign and
    /// display scale, then the base-10000 digits, from the decimal's exact digits and its own scale (so 0.50
    /// is stored as 0.50, as a parameter would be).
    /// </summary>
    internal static void Numeric(IBufferWriter<byte> output, decimal value)
    {
        Span<char> text = stackalloc char[40];
        value.TryFormat(text, out var written, ScaleFormats[value.Scale], CultureInfo.InvariantCulture);
        ReadOnlySpan<char> chars = text[..written];
        var negative = chars[0] == '-';
        if (negative)
        {
            chars = chars[1..];
        }

        var point = chars.IndexOf('.');
        var whole = point < 0 ? chars : chars[..point];
        var fraction = point < 0 ? [] : chars[(point + 1)..];
        whole = whole.TrimStart('0');

        // Base-10000 digits: the whole part grouped from the decimal point leftwards, the fraction rightwards.
        Span<short> digits = stackalloc short[16];
        var count = 0;
        var wholeGroups = (whole.Length + 3) / 4;
        for (var g = 0; g < wholeGroups; g++)
        {
            var end = whole.Length - ((wholeGroups - 1 - g) * 4);
            var start = Math.Max(0, end - 4);
            digits[count++] = short.Parse(whole[start..end], CultureInfo.InvariantCulture);
        }

        for (var start = 0; start < fraction.Length; start += 4)
        {
            short group = 0;
            for (var i = 0; i < 4; i++)
            {
                group = (short)((group * 10) + (start + i < fraction.Length ? fraction[start + i] - '0' : 0));
            }

            digits[count++] = group;
        }

        var weight = wholeGroups - 1;
        var first = 0;
        while (first < count && digits[first] == 0)
        {
            first++;
            weight--;
        }

        var last = count;
        while (last > first && digits[last - 1] == 0)
        {
            last--;
        }

        var n = last - first;
        var span = output.GetSpan(4 + 8 + (2 * n));
        BinaryPrimitives.WriteInt32BigEndian(span, 8 + (2 * n));
        BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)n);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], (short)(n == 0 ? 0 : weight));
        BinaryPrimitives.WriteInt16BigEndian(span[8..], (short)(negative && n > 0 ? 0x4000 : 0));
        BinaryPrimitives.WriteInt16BigEndian(span[10..], (short)value.Scale);
        for (var i = 0; i < n; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[(12 + (2 * i))..], digits[first + i]);
        }

        output.Advance(12 + (2 * n));
    }
}
