using System.Runtime.CompilerServices;

namespace Parity.Arena;

/// <summary>
/// Streams battles out of FastChat's <c>clean_battle_*.json</c> (one JSON array) or JSON Lines.
/// A purpose-built scanner over a refilled byte buffer: the document is never held in memory;
/// fields Parity does not use (conversations, judge, …) are skipped with vectorised searches
/// for the next quote or bracket, never decoded. Structure is checked (brackets, separators,
/// literals, truncation) and every error names the line and record.
/// One type in four files: this one (buffer, refills, the array or lines loop, whitespace),
/// <c>.Record</c> (a battle's fields), <c>.Values</c> (strings, flags, numbers) and <c>.Nested</c>
/// (skipped values and the nested objects that are read).
/// </summary>
internal sealed partial class JsonBattleReader
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

    private long LineAt(int offset) => _linesBeforeBuffer + _buffer.AsSpan(0, Math.Min(offset, _end)).Count((byte)'\n');

    private ParityException Bad(int pos, string message) => new($"{_path}:{LineAt(pos)}: {message}.");
}
