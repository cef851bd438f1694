using System.Buffers.Text;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Parity.Arena;

// Scalar values: strings (found by vectorised search), flags, literals and numbers.
internal sealed partial class JsonBattleReader
{
    /// <summary>The position of the next '"' or '\\' from <paramref name="i"/>, or -1 when the buffer ends first. Short strings (names, labels) are found in one 16-byte compare.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int QuoteOrBackslash(int i)
    {
        if (i + Vector128<byte>.Count <= _end)
        {
            var v = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_buffer), (nuint)i);
            var mask = (Vector128.Equals(v, Vector128.Create((byte)'"')) | Vector128.Equals(v, Vector128.Create((byte)'\\'))).ExtractMostSignificantBits();
            if (mask != 0)
            {
                return i + BitOperations.TrailingZeroCount(mask);
            }

            i += Vector128<byte>.Count;
        }

        var hit = _buffer.AsSpan(i, _end - i).IndexOfAny((byte)'"', (byte)'\\');
        return hit < 0 ? -1 : i + hit;
    }

    /// <summary>Reads a string at <paramref name="pos"/> (a quote); the span is the raw bytes between the quotes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int RawString(int pos, out ReadOnlySpan<byte> raw, out bool escaped)
    {
        var start = pos + 1;
        var i = start;
        escaped = false;
        while (true)
        {
            i = QuoteOrBackslash(i);
            if (i < 0)
            {
                throw More;
            }

            if (_buffer[i] == (byte)'"')
            {
                raw = _buffer.AsSpan(start, i - start);
                return i + 1;
            }

            escaped = true;
            i += 2; // skip the escaped character (\uXXXX's digits are plain bytes)
            if (i > _end)
            {
                throw More;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Text(int pos, string field, out ReadOnlySpan<byte> value)
    {
        if (_buffer[pos] != (byte)'"')
        {
            throw Bad(pos, $"record {_records + 1}: field '{field}' must be a string");
        }

        pos = RawString(pos, out value, out var escaped);
        if (escaped)
        {
            value = Unescape(value, pos);
        }

        return pos;
    }

    private byte[] Unescape(ReadOnlySpan<byte> raw, int pos)
    {
        var quoted = new byte[raw.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        raw.CopyTo(quoted.AsSpan(1));
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(quoted);
            reader.Read();
            return Encoding.UTF8.GetBytes(reader.GetString()!);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw Bad(pos, $"record {_records + 1}: invalid string escape ({ex.Message})");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Flag(int pos, string field, out bool? value)
    {
        var c = _buffer[pos];
        if (c == (byte)'t')
        {
            value = true;
            return Literal(pos, "true"u8);
        }

        if (c == (byte)'f')
        {
            value = false;
            return Literal(pos, "false"u8);
        }

        if (c == (byte)'n')
        {
            value = null;
            return Literal(pos, "null"u8);
        }

        if (c is (byte)'0' or (byte)'1')
        {
            pos = Number(pos, field, out var number);
            value = number switch
            {
                0 => false,
                1 => true,
                _ => throw Bad(pos, $"record {_records + 1}: field '{field}' must be true or false"),
            };
            return pos;
        }

        throw Bad(pos, $"record {_records + 1}: field '{field}' must be true or false");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Literal(int pos, ReadOnlySpan<byte> literal)
    {
        if (pos + literal.Length > _end)
        {
            throw More;
        }

        if (!_buffer.AsSpan(pos, literal.Length).SequenceEqual(literal))
        {
            throw Bad(pos, $"record {_records + 1}: invalid literal (expected {Encoding.ASCII.GetString(literal)})");
        }

        return pos + literal.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Number(int pos, string field, out double? value)
    {
        if (_buffer[pos] == (byte)'n')
        {
            value = null;
            return Literal(pos, "null"u8);
        }

        var i = pos;
        while (i < _end && _buffer[i] is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E')
        {
            i++;
        }

        if (i >= _end && !_final)
        {
            throw More;
        }

        if (i == pos || !Utf8Parser.TryParse(_buffer.AsSpan(pos, i - pos), out double number, out var used) || used != i - pos)
        {
            throw Bad(pos, $"record {_records + 1}: field '{field}' must be a number");
        }

        value = number;
        return i;
    }

    /// <summary>Steps over a number without converting it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SkipNumber(int pos)
    {
        var i = pos;
        while (i < _end && _buffer[i] is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E')
        {
            i++;
        }

        if (i >= _end && !_final)
        {
            throw More;
        }

        if (i == pos || _buffer[pos] is not ((>= (byte)'0' and <= (byte)'9') or (byte)'-'))
        {
            throw Bad(pos, $"record {_records + 1}: invalid value");
        }

        return i;
    }
}
