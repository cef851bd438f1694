using System.Buffers.Binary;
using System.Buffers.Text;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Parity.Arena;

/// <summary>
/// Streams battles out of FastChat's <c>clean_battle_*.json</c> (one JSON array) or JSON Lines.
/// A purpose-built scanner over a refilled byte buffer: the document is never held in memory;
/// fields Parity does not use (conversations, judge, …) are skipped with vectorised searches
/// for the next quote or bracket, never decoded. Structure is checked (brackets, separators,
/// literals, truncation) and every error names the line and record.
/// </summary>
internal sealed class JsonBattleReader
{
    private const int InitialBuffer = 1 << 22;

    private readonly string _path;
    private readonly NameTable _models;
    private readonly NameTable _languages;
    private readonly IBattleSink _sink;

    private Stream _stream = Stream.Null;
    private byte[] _buffer = new byte[InitialBuffer];
    private int _end;
    private bool _final;
    private long _linesBeforeBuffer = 1;
    private long _records;
    private int _criteriaTrue;
    private BattleRow _row;

    public JsonBattleReader(string path, NameTable models, NameTable languages, IBattleSink sink)
    {
        _path = path;
        _models = models;
        _languages = languages;
        _sink = sink;
    }

    /// <summary>The number of records read.</summary>
    public long Records => _records;

    /// <summary>Thrown inside a record when the buffer ends before it does; the record is re-read after a refill.</summary>
    private sealed class NeedMoreData : Exception;

    private static readonly NeedMoreData More = new();

    /// <summary>
    /// Absolute file offset where another reader takes over (a record start); this reader stops
    /// when it reaches it exactly between records. <see cref="long.MaxValue"/>: read to the end.
    /// </summary>
    public long StopAt { get; set; } = long.MaxValue;

    /// <summary>Parse <c>tstamp</c> (for date filters and Elo order); otherwise it is only skipped.</summary>
    public bool NeedTstamp { get; init; } = true;

    /// <summary>Read <c>language</c> (for language filters); otherwise it is only skipped.</summary>
    public bool NeedLanguage { get; init; } = true;

    /// <summary>True when <see cref="Read"/> stopped at <see cref="StopAt"/>; false when it read to the end.</summary>
    public bool StoppedAtSplit { get; private set; }

    private long _bufferOffset;
    private int _resumeAt;
    private bool _array;
    private CancellationToken _cancellation;

    public void Read(Stream stream, CancellationToken cancellationToken)
    {
        _stream = stream;
        _cancellation = cancellationToken;
        Fill(0);
        var pos = SkipSpace(0, topLevel: true);
        if (pos >= _end)
        {
            throw new ParityException($"{_path}: the file is empty (no JSON value).");
        }

        if (pos + 3 <= _end && _buffer[pos] == 0xEF && _buffer[pos + 1] == 0xBB && _buffer[pos + 2] == 0xBF)
        {
            pos = SkipSpace(pos + 3, topLevel: true);
        }

        _array = _buffer[pos] == (byte)'[';
        if (!_array && _buffer[pos] != (byte)'{')
        {
            throw Bad(pos, "expected a JSON array of battle objects or one battle object per line");
        }

        if (_array)
        {
            pos = SkipSpace(pos + 1, topLevel: true);
            if (pos < _end && _buffer[pos] == (byte)']')
            {
                EnsureOnlySpace(pos + 1);
                return;
            }
        }

        Loop(pos);
    }

    /// <summary>Reads records from the middle of a file: <paramref name="stream"/> is positioned at a record start.</summary>
    public void ReadFrom(Stream stream, long offset, bool array, CancellationToken cancellationToken)
    {
        _stream = stream;
        _cancellation = cancellationToken;
        _bufferOffset = offset;
        _array = array;
        Fill(0);
        var pos = SkipSpace(0, topLevel: true);
        if (pos >= _end || _buffer[pos] != (byte)'{')
        {
            throw Bad(pos, "expected a battle object");
        }

        Loop(pos);
    }

    /// <summary>After stopping at <see cref="StopAt"/>, reads on to the end (when the reader that took over failed).</summary>
    public void Continue()
    {
        StopAt = long.MaxValue;
        StoppedAtSplit = false;
        Loop(_resumeAt);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Loop(int pos)
    {
        while (true)
        {
            if ((_records & 0x3FFF) == 0)
            {
                _cancellation.ThrowIfCancellationRequested();
            }

            pos = ReadRecordWithRefill(pos);
            pos = SkipSpace(pos, topLevel: true);
            if (_array)
            {
                if (pos >= _end)
                {
                    throw new ParityException($"{_path}:{LineAt(_end)}: the JSON array ends without ']' after record {_records} (truncated file?).");
                }

                var c = _buffer[pos];
                if (c == (byte)']')
                {
                    EnsureOnlySpace(pos + 1);
                    return;
                }

                if (c != (byte)',')
                {
                    throw Bad(pos, $"expected ',' or ']' after record {_records}, found '{(char)c}'");
                }

                pos = SkipSpace(pos + 1, topLevel: true);
                if (pos >= _end)
                {
                    throw new ParityException($"{_path}:{LineAt(_end)}: the JSON array ends after record {_records} and a ',' (truncated file?).");
                }
            }
            else if (pos >= _end)
            {
                return;
            }

            var at = _bufferOffset + pos;
            if (at >= StopAt)
            {
                if (at == StopAt)
                {
                    StoppedAtSplit = true;
                    _resumeAt = pos;
                    return;
                }

                StopAt = long.MaxValue; // the split was not a record boundary: read everything here
            }

            if (_buffer[pos] != (byte)'{')
            {
                throw Bad(pos, $"expected a battle object (record {_records + 1}), found '{(char)_buffer[pos]}'");
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadRecordWithRefill(int start)
    {
        while (true)
        {
            try
            {
                return ReadRecord(start);
            }
            catch (NeedMoreData)
            {
                if (_final)
                {
                    throw new ParityException($"{_path}:{LineAt(_end)}: the JSON ends inside record {_records + 1} (truncated file?).");
                }

                start = Shift(start);
            }
        }
    }

    /// <summary>Moves the bytes from <paramref name="start"/> to the front (growing the buffer when one record fills it) and refills.</summary>
    private int Shift(int start)
    {
        _linesBeforeBuffer += _buffer.AsSpan(0, start).Count((byte)'\n');
        _bufferOffset += start;
        var remaining = _end - start;
        if (start == 0)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        else
        {
            _buffer.AsSpan(start, remaining).CopyTo(_buffer);
        }

        _end = remaining;
        Fill(_end);
        return 0;
    }

    private void Fill(int from)
    {
        _end = from;
        while (!_final && _end < _buffer.Length)
        {
            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                _final = true;
            }

            _end += n;
        }
    }

    /// <summary>Skips whitespace between records, refilling the buffer when it runs out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SkipSpace(int pos, bool topLevel)
    {
        while (true)
        {
            while (pos < _end && IsSpace(_buffer[pos]))
            {
                pos++;
            }

            if (pos < _end || _final || !topLevel)
            {
                return pos;
            }

            pos = Shift(pos);
        }
    }

    private void EnsureOnlySpace(int pos)
    {
        pos = SkipSpace(pos, topLevel: true);
        if (pos < _end)
        {
            throw Bad(pos, "unexpected content after the end of the JSON array");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Space(int pos)
    {
        // Almost always the next byte is a token (every byte above ' ' is not JSON space), or one
        // space before one (Python's json.dumps writes ", " and ": ").
        var buffer = _buffer;
        if ((uint)(pos + 1) < (uint)_end && (uint)(pos + 1) < (uint)buffer.Length)
        {
            var c = buffer[pos];
            if (c > (byte)' ')
            {
                return pos;
            }

            if (c == (byte)' ' && buffer[pos + 1] > (byte)' ')
            {
                return pos + 1;
            }
        }

        return SpaceSlow(pos);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SpaceSlow(int pos)
    {
        while (true)
        {
            if (pos >= _end)
            {
                throw More;
            }

            if (!IsSpace(_buffer[pos]))
            {
                return pos;
            }

            pos++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Expect(int pos, byte c, string what)
    {
        if ((uint)pos < (uint)_end && _buffer[pos] == c)
        {
            return pos + 1;
        }

        return ExpectSlow(pos, c, what);
    }

    private int ExpectSlow(int pos, byte c, string what)
    {
        pos = Space(pos);
        if (_buffer[pos] != c)
        {
            throw Bad(pos, $"record {_records + 1}: expected '{(char)c}' {what}, found '{(char)_buffer[pos]}'");
        }

        return pos + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadRecord(int pos)
    {
        _row.Reset();
        _criteriaTrue = 0;
        var sawA = false;
        var sawB = false;
        var sawWinner = false;
        pos = Expect(pos, (byte)'{', "to open a battle");
        pos = Space(pos);
        if (_buffer[pos] == (byte)'}')
        {
            pos++;
        }
        else
        {
            while (true)
            {
                pos = Key(pos, out var key);
                pos = Space(pos);
                switch (key)
                {
                    case Field.ModelA:
                        pos = Text(pos, "model_a", out var a);
                        _row.ModelA = _models.Intern(a);
                        sawA = true;
                        break;
                    case Field.ModelB:
                        pos = Text(pos, "model_b", out var b);
                        _row.ModelB = _models.Intern(b);
                        sawB = true;
                        break;
                    case Field.Winner:
                        var winnerAt = pos;
                        pos = Text(pos, "winner", out var label);
                        if (!WinnerLabel.TryParse(label, out _row.Outcome))
                        {
                            throw Bad(winnerAt, $"record {_records + 1}: field 'winner' is '{Encoding.UTF8.GetString(label)}', expected model_a, model_b, tie or tie (bothbad)");
                        }

                        sawWinner = true;
                        break;
                    case Field.Anony:
                        pos = Flag(pos, "anony", out _row.Anonymous);
                        break;
                    case Field.Tstamp when NeedTstamp:
                        pos = Number(pos, "tstamp", out var seconds);
                        _row.Tstamp = seconds ?? double.NaN;
                        break;
                    case Field.Language when NeedLanguage:
                        if (_buffer[pos] == (byte)'"')
                        {
                            pos = Text(pos, "language", out var language);
                            _row.Language = _languages.Intern(language);
                        }
                        else
                        {
                            pos = Skip(pos);
                        }

                        break;
                    case Field.IsCode:
                        pos = Flag(pos, "is_code", out var code);
                        _row.HasCategoryInfo = true;
                        if (code == true)
                        {
                            _row.Categories |= BattleCategories.Coding;
                        }

                        break;
                    case Field.IsRefusal:
                        pos = Flag(pos, "is_refusal", out var refusal);
                        if (refusal == true)
                        {
                            _row.Categories |= BattleCategories.Refusal;
                        }

                        break;
                    case Field.DedupTag:
                        pos = DedupTag(pos);
                        break;
                    case Field.ConvMetadata:
                        pos = ConvMetadata(pos);
                        break;
                    case Field.CategoryTag:
                        pos = CategoryTag(pos);
                        break;
                    default:
                        pos = Skip(pos);
                        break;
                }

                pos = Space(pos);
                var c = _buffer[pos++];
                if (c == (byte)'}')
                {
                    break;
                }

                if (c != (byte)',')
                {
                    throw Bad(pos - 1, $"record {_records + 1}: expected ',' or '}}' between fields, found '{(char)c}'");
                }
            }
        }

        _records++;
        if (!sawA || !sawB || !sawWinner)
        {
            var missing = !sawA ? "model_a" : !sawB ? "model_b" : "winner";
            throw Bad(pos - 1, $"record {_records} has no field '{missing}'");
        }

        if (_criteriaTrue >= 6)
        {
            _row.Categories |= BattleCategories.HardPrompt;
        }

        _row.Record = _records;
        _row.Line = -1;
        _sink.Add(ref _row);
        return pos;
    }

    private enum Field : byte
    {
        Other,
        ModelA,
        ModelB,
        Winner,
        Anony,
        Tstamp,
        Language,
        IsCode,
        IsRefusal,
        DedupTag,
        ConvMetadata,
        CategoryTag,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Key(int pos, out Field field)
    {
        pos = Space(pos);
        if (_buffer[pos] != (byte)'"')
        {
            throw Bad(pos, $"record {_records + 1}: expected a field name, found '{(char)_buffer[pos]}'");
        }

        if (FastKey(pos, out field, out var after))
        {
            return Expect(after, (byte)':', "after a field name");
        }

        pos = RawString(pos, out var name, out _);
        field = name.Length switch
        {
            5 when name.SequenceEqual("anony"u8) => Field.Anony,
            6 when name.SequenceEqual("winner"u8) => Field.Winner,
            6 when name.SequenceEqual("tstamp"u8) => Field.Tstamp,
            7 when name.SequenceEqual("model_a"u8) => Field.ModelA,
            7 when name.SequenceEqual("model_b"u8) => Field.ModelB,
            7 when name.SequenceEqual("is_code"u8) => Field.IsCode,
            8 when name.SequenceEqual("language"u8) => Field.Language,
            9 when name.SequenceEqual("dedup_tag"u8) => Field.DedupTag,
            10 when name.SequenceEqual("is_refusal"u8) => Field.IsRefusal,
            12 when name.SequenceEqual("category_tag"u8) => Field.CategoryTag,
            13 when name.SequenceEqual("conv_metadata"u8) => Field.ConvMetadata,
            _ => Field.Other,
        };
        return Expect(pos, (byte)':', "after a field name");
    }

    /// <summary>Recognises the common field names in place (eight-byte compares), without searching for the closing quote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool FastKey(int pos, out Field field, out int after)
    {
        field = Field.Other;
        after = pos;
        if (pos + 11 > _end)
        {
            return false;
        }

        var word = BinaryPrimitives.ReadUInt64LittleEndian(_buffer.AsSpan(pos + 1, 8));
        var length = 0;
        if (word == KeyModelA)
        {
            (field, length) = (Field.ModelA, 7);
        }
        else if (word == KeyModelB)
        {
            (field, length) = (Field.ModelB, 7);
        }
        else if ((word & 0x00FF_FFFF_FFFF_FFFF) == KeyWinner)
        {
            (field, length) = (Field.Winner, 6);
        }
        else if ((word & 0x0000_FFFF_FFFF_FFFF) == KeyAnony)
        {
            (field, length) = (Field.Anony, 5);
        }
        else if ((word & 0x00FF_FFFF_FFFF_FFFF) == KeyTstamp)
        {
            (field, length) = (Field.Tstamp, 6);
        }
        else if (word == KeyLanguage && _buffer[pos + 9] == (byte)'"')
        {
            (field, length) = (Field.Language, 8);
        }
        else if (word == KeyDedupTag && _buffer[pos + 9] == (byte)'g' && _buffer[pos + 10] == (byte)'"')
        {
            (field, length) = (Field.DedupTag, 9);
        }

        after = pos + length + 2;
        return length > 0;
    }

    private static ulong Word(ReadOnlySpan<byte> eight) => BinaryPrimitives.ReadUInt64LittleEndian(eight);

    private static readonly ulong KeyModelA = Word("model_a\""u8);
    private static readonly ulong KeyModelB = Word("model_b\""u8);
    private static readonly ulong KeyWinner = Word("winner\"\0"u8);
    private static readonly ulong KeyAnony = Word("anony\"\0\0"u8);
    private static readonly ulong KeyTstamp = Word("tstamp\"\0"u8);
    private static readonly ulong KeyLanguage = Word("language"u8);
    private static readonly ulong KeyDedupTag = Word("dedup_ta"u8);
    private static readonly ulong KeySampled = Word("sampled\""u8);

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

    /// <summary>Skips any JSON value: strings, numbers, literals, and nested objects or arrays by bracket depth.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Skip(int pos)
    {
        var c = _buffer[pos];
        switch (c)
        {
            case (byte)'"':
                return RawString(pos, out _, out _);
            case (byte)'t':
                return Literal(pos, "true"u8);
            case (byte)'f':
                return Literal(pos, "false"u8);
            case (byte)'n':
                return Literal(pos, "null"u8);
            case (byte)'{' or (byte)'[':
                break;
            default:
                return SkipNumber(pos);
        }

        var depth = 0;
        var i = pos;
        while (true)
        {
            var hit = _buffer.AsSpan(i, _end - i).IndexOfAny("\"{}[]"u8);
            if (hit < 0)
            {
                throw More;
            }

            i += hit;
            switch (_buffer[i])
            {
                case (byte)'"':
                    i = RawString(i, out _, out _);
                    continue;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                default:
                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }

            i++;
        }
    }

    /// <summary>Iterates the members of an object at <paramref name="pos"/>, calling <paramref name="member"/> with the key and the value position.</summary>
    private int Members(int pos, MemberReader member)
    {
        if (_buffer[pos] != (byte)'{')
        {
            return Skip(pos);
        }

        pos = Space(pos + 1);
        if (_buffer[pos] == (byte)'}')
        {
            return pos + 1;
        }

        while (true)
        {
            pos = Space(pos);
            if (_buffer[pos] != (byte)'"')
            {
                throw Bad(pos, $"record {_records + 1}: expected a field name");
            }

            pos = RawString(pos, out var name, out _);
            pos = Expect(pos, (byte)':', "after a field name");
            pos = Space(pos);
            pos = member(name, pos);
            pos = Space(pos);
            var c = _buffer[pos++];
            if (c == (byte)'}')
            {
                return pos;
            }

            if (c != (byte)',')
            {
                throw Bad(pos - 1, $"record {_records + 1}: expected ',' or '}}' in an object");
            }
        }
    }

    private delegate int MemberReader(ReadOnlySpan<byte> name, int pos);

    /// <summary>Reads <c>dedup_tag</c> (an object; only <c>sampled</c> matters), without a callback per member.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int DedupTag(int pos)
    {
        if (_buffer[pos] != (byte)'{')
        {
            return Skip(pos);
        }

        pos = Space(pos + 1);
        if (_buffer[pos] == (byte)'}')
        {
            return pos + 1;
        }

        while (true)
        {
            pos = Space(pos);
            if (_buffer[pos] != (byte)'"')
            {
                throw Bad(pos, $"record {_records + 1}: expected a field name");
            }

            bool sampled;
            if (pos + 9 <= _end && BinaryPrimitives.ReadUInt64LittleEndian(_buffer.AsSpan(pos + 1, 8)) == KeySampled)
            {
                sampled = true;
                pos += 9;
            }
            else
            {
                pos = RawString(pos, out var name, out _);
                sampled = name.SequenceEqual("sampled"u8);
            }

            pos = Expect(pos, (byte)':', "after a field name");
            pos = Space(pos);
            pos = sampled ? Flag(pos, "dedup_tag.sampled", out _row.DedupSampled) : Skip(pos);
            pos = Space(pos);
            var c = _buffer[pos++];
            if (c == (byte)'}')
            {
                return pos;
            }

            if (c != (byte)',')
            {
                throw Bad(pos - 1, $"record {_records + 1}: expected ',' or '}}' in an object");
            }
        }
    }

    private int ConvMetadata(int pos) => Members(pos, (name, at) =>
    {
        var k = StyleIndex(name);
        if (k < 0)
        {
            return Skip(at);
        }

        _row.HasStyle = true;
        if (_buffer[at] == (byte)'{')
        {
            // header_count_a and friends are dicts (h1…h6, ordered/unordered, **/__): summed.
            return Members(at, (_, inner) =>
            {
                if (_buffer[inner] is (>= (byte)'0' and <= (byte)'9') or (byte)'-')
                {
                    var end = Number(inner, "conv_metadata", out var part);
                    _row.Style[k] += part ?? 0;
                    return end;
                }

                return Skip(inner);
            });
        }

        var after = Number(at, "conv_metadata", out var value);
        _row.Style[k] = value ?? 0;
        return after;
    });

    private static int StyleIndex(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("sum_assistant_a_tokens"u8) ? 0
        : name.SequenceEqual("header_count_a"u8) ? 1
        : name.SequenceEqual("list_count_a"u8) ? 2
        : name.SequenceEqual("bold_count_a"u8) ? 3
        : name.SequenceEqual("sum_assistant_b_tokens"u8) ? 4
        : name.SequenceEqual("header_count_b"u8) ? 5
        : name.SequenceEqual("list_count_b"u8) ? 6
        : name.SequenceEqual("bold_count_b"u8) ? 7
        : -1;

    private int CategoryTag(int pos)
    {
        _row.HasCategoryInfo |= _buffer[pos] == (byte)'{';
        return Members(pos, (group, at) =>
        {
            if (group.SequenceEqual("criteria_v0.1"u8))
            {
                return Members(at, (_, inner) => TrueFlag(inner, () => _criteriaTrue++));
            }

            var (flag, category) =
                group.SequenceEqual("math_v0.1"u8) ? ("math", BattleCategories.Math)
                : group.SequenceEqual("if_v0.1"u8) ? ("if", BattleCategories.InstructionFollowing)
                : group.SequenceEqual("creative_writing_v0.1"u8) ? ("creative_writing", BattleCategories.CreativeWriting)
                : (null, BattleCategories.None);
            if (flag is null)
            {
                return Skip(at);
            }

            return Members(at, (name, inner) =>
                Encoding.ASCII.GetByteCount(flag) == name.Length && name.SequenceEqual(Encoding.ASCII.GetBytes(flag))
                    ? TrueFlag(inner, () => _row.Categories |= category)
                    : Skip(inner));
        });
    }

    private int TrueFlag(int pos, Action onTrue)
    {
        if (_buffer[pos] == (byte)'t')
        {
            onTrue();
            return Literal(pos, "true"u8);
        }

        return Skip(pos);
    }

    private long LineAt(int offset) => _linesBeforeBuffer + _buffer.AsSpan(0, Math.Min(offset, _end)).Count((byte)'\n');

    private ParityException Bad(int pos, string message) => new($"{_path}:{LineAt(pos)}: {message}.");
}
