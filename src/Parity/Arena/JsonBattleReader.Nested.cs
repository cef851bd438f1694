using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Parity.Arena;

// Nested values: skipping any value, and the objects whose members Parity reads (dedup_tag, conv_metadata, category_tag).
internal sealed partial class JsonBattleReader
{
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
}
