using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Parity.Arena;

/// <summary>
/// Interns names (models, languages) read as UTF-8 bytes: each distinct name gets a dense
/// index and is decoded to a string once.
/// </summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _names = [];

    public NameTable() => _lookup = _indexes.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _names.Count;

    public string this[int index] => _names[index];

    public IReadOnlyList<string> Names => _names;

    // Open-addressing table over the UTF-8 bytes of each name, so the hot path never decodes.
    private byte[][] _slotBytes = new byte[256][];
    private int[] _slotIndex = new int[256];
    private int _slotCount;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Intern(ReadOnlySpan<byte> utf8)
    {
        var hash = HashOf(utf8);
        var mask = _slotBytes.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var bytes = _slotBytes[slot];
            if (bytes is null)
            {
                break;
            }

            if (utf8.SequenceEqual(bytes))
            {
                return _slotIndex[slot];
            }
        }

        Span<char> chars = utf8.Length <= 256 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var n = Encoding.UTF8.GetChars(utf8, chars);
        var index = Intern((ReadOnlySpan<char>)chars[..n]);
        AddSlot(utf8.ToArray(), index);
        return index;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HashOf(ReadOnlySpan<byte> utf8)
    {
        // Eight bytes at a time (the last word overlapping the one before): names are short, and
        // this is cheaper than decoding them or hashing byte by byte.
        const ulong K = 0x9E3779B97F4A7C15UL;
        var length = utf8.Length;
        var hash = (ulong)length * K;
        var i = 0;
        for (; i + 8 <= length; i += 8)
        {
            hash = BitOperations.RotateLeft((hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8[i..])) * K, 29);
        }

        if (i < length)
        {
            ulong tail = 0;
            if (length >= 8)
            {
                tail = BinaryPrimitives.ReadUInt64LittleEndian(utf8[(length - 8)..]);
            }
            else
            {
                foreach (var b in utf8)
                {
                    tail = (tail << 8) | b;
                }
            }

            hash = BitOperations.RotateLeft((hash ^ tail) * K, 29);
        }

        hash ^= hash >> 32;
        return (int)(hash & 0x7FFFFFFF);
    }

    private void AddSlot(byte[] bytes, int index)
    {
        if ((_slotCount + 1) * 2 > _slotBytes.Length)
        {
            var oldBytes = _slotBytes;
            var oldIndex = _slotIndex;
            _slotBytes = new byte[oldBytes.Length * 2][];
            _slotIndex = new int[oldBytes.Length * 2];
            _slotCount = 0;
            for (var i = 0; i < oldBytes.Length; i++)
            {
                if (oldBytes[i] is { } existing)
                {
                    AddSlot(existing, oldIndex[i]);
                }
            }
        }

        var mask = _slotBytes.Length - 1;
        var slot = HashOf(bytes) & mask;
        while (_slotBytes[slot] is not null)
        {
            slot = (slot + 1) & mask;
        }

        _slotBytes[slot] = bytes;
        _slotIndex[slot] = index;
        _slotCount++;
    }

    public int Intern(ReadOnlySpan<char> name)
    {
        if (_lookup.TryGetValue(name, out var index))
        {
            return index;
        }

        var text = name.ToString();
        index = _names.Count;
        _names.Add(text);
        _indexes[text] = index;
        return index;
    }

    public int IndexOf(string name) => _indexes.GetValueOrDefault(name, -1);
}
