using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Parity.Arena;

// Reading one battle record: its fields, matched by 8-byte key compares.
internal sealed partial class JsonBattleReader
{
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
}
