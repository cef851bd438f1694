using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Parity.Arena;

/// <summary>
/// Streams battles out of FastChat's <c>clean_battle_*.json</c> (one JSON array) or JSON Lines
/// with <see cref="Utf8JsonReader"/> over a refilled buffer: the document is never held in
/// memory, and conversations and other unused fields are skipped token by token.
/// </summary>
internal sealed class JsonBattleReader
{
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

    private enum CategoryGroup : byte
    {
        Other,
        Criteria,
        Math,
        InstructionFollowing,
        CreativeWriting,
    }

    private readonly string _path;
    private readonly NameTable _models;
    private readonly NameTable _languages;
    private readonly IBattleSink _sink;

    private int _recordDepth = -1;
    private bool _inRecord;
    private bool _sawModelA;
    private bool _sawModelB;
    private bool _sawWinner;
    private Field _field;
    private int _subField = -1;
    private CategoryGroup _group;
    private int _criteriaTrue;
    private long _records;
    private BattleRow _row;

    // Line accounting: lines before the current buffer, and the buffer itself for error positions.
    private long _linesBeforeBuffer = 1;
    private byte[] _buffer = [];

    public JsonBattleReader(string path, NameTable models, NameTable languages, IBattleSink sink)
    {
        _path = path;
        _models = models;
        _languages = languages;
        _sink = sink;
    }

    /// <summary>The number of records read.</summary>
    public long Records => _records;

    public void Read(Stream stream, CancellationToken cancellationToken)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            ReadAll(stream, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }

    private void ReadAll(Stream stream, CancellationToken cancellationToken)
    {
        var state = new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 256 });
        var length = 0;
        var final = false;
        var sawToken = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            while (!final && length < _buffer.Length)
            {
                var n = stream.Read(_buffer, length, _buffer.Length - length);
                if (n == 0)
                {
                    final = true;
                }

                length += n;
            }

            var reader = new Utf8JsonReader(_buffer.AsSpan(0, length), final, state);
            try
            {
                while (reader.Read())
                {
                    sawToken = true;
                    Handle(ref reader);
                }
            }
            catch (JsonException ex)
            {
                var at = LineAt((int)reader.BytesConsumed);
                var what = final && ex.Message.Contains("end of", StringComparison.OrdinalIgnoreCase)
                    ? "the JSON ends in the middle of a value (truncated file?)"
                    : "invalid JSON";
                throw new ParityException($"{_path}:{at}: {what} near record {_records + (_inRecord ? 0 : 1)}: {ex.Message}");
            }

            var consumed = (int)reader.BytesConsumed;
            if (final)
            {
                if (!sawToken)
                {
                    throw new ParityException($"{_path}: the file is empty (no JSON value).");
                }

                if (_inRecord || reader.CurrentDepth > 0)
                {
                    throw new ParityException($"{_path}:{LineAt(consumed)}: the JSON ends inside record {_records} (truncated file?).");
                }

                return;
            }

            state = reader.CurrentState;
            _linesBeforeBuffer += _buffer.AsSpan(0, consumed).Count((byte)'\n');
            if (consumed == 0)
            {
                // One token is larger than the buffer: grow it.
                var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                _buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
            else
            {
                _buffer.AsSpan(consumed, length - consumed).CopyTo(_buffer);
                length -= consumed;
            }
        }
    }

    private long LineAt(int offsetInBuffer) =>
        _linesBeforeBuffer + _buffer.AsSpan(0, Math.Min(offsetInBuffer, _buffer.Length)).Count((byte)'\n');

    private void Handle(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        var token = reader.TokenType;
        if (_recordDepth < 0)
        {
            // The first token decides: an array of records, or records one after another (JSON Lines).
            _recordDepth = token == JsonTokenType.StartArray ? 1 : 0;
            if (token != JsonTokenType.StartArray && token != JsonTokenType.StartObject)
            {
                throw Bad(ref reader, "expected a JSON array of battle objects or one battle object per line");
            }

            if (token == JsonTokenType.StartArray)
            {
                return;
            }
        }

        if (depth < _recordDepth)
        {
            if (token is not (JsonTokenType.EndArray or JsonTokenType.StartArray))
            {
                throw Bad(ref reader, "expected a battle object");
            }

            return;
        }

        if (depth == _recordDepth)
        {
            if (token == JsonTokenType.StartObject)
            {
                StartRecord();
            }
            else if (token == JsonTokenType.EndObject)
            {
                EndRecord(ref reader);
            }
            else
            {
                throw Bad(ref reader, $"expected a battle object, found {token}");
            }

            return;
        }

        var level = depth - _recordDepth; // 1: record fields, 2: inside a nested field, 3: deeper
        if (token == JsonTokenType.PropertyName)
        {
            if (level == 1)
            {
                _field = FieldOf(ref reader);
                _subField = -1;
                _group = CategoryGroup.Other;
            }
            else if (level == 2)
            {
                SubFieldName(ref reader);
            }
            else if (level == 3 && _field == Field.CategoryTag)
            {
                CategoryFlagName(ref reader);
            }

            return;
        }

        if (level == 1)
        {
            RecordValue(ref reader);
        }
        else if (level == 2)
        {
            SubFieldValue(ref reader);
        }
        else if (level == 3)
        {
            DeepValue(ref reader);
        }
    }

    private void StartRecord()
    {
        _inRecord = true;
        _records++;
        _row.Reset();
        _sawModelA = _sawModelB = _sawWinner = false;
        _field = Field.Other;
        _criteriaTrue = 0;
    }

    private void EndRecord(ref Utf8JsonReader reader)
    {
        _inRecord = false;
        if (!_sawModelA || !_sawModelB || !_sawWinner)
        {
            var missing = !_sawModelA ? "model_a" : !_sawModelB ? "model_b" : "winner";
            throw Bad(ref reader, $"record {_records} has no field '{missing}'");
        }

        if (_criteriaTrue >= 6)
        {
            _row.Categories |= BattleCategories.HardPrompt;
        }

        _row.Record = _records;
        _row.Line = -1; // computed only on demand
        _sink.Add(ref _row);
    }

    private static Field FieldOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return Field.Other;
        }

        var name = reader.ValueSpan;
        return name.Length switch
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
    }

    private void RecordValue(ref Utf8JsonReader reader)
    {
        switch (_field)
        {
            case Field.ModelA:
                _row.ModelA = _models.Intern(StringBytes(ref reader, "model_a", out _));
                _sawModelA = true;
                break;
            case Field.ModelB:
                _row.ModelB = _models.Intern(StringBytes(ref reader, "model_b", out _));
                _sawModelB = true;
                break;
            case Field.Winner:
                var label = StringBytes(ref reader, "winner", out var text);
                if (!WinnerLabel.TryParse(label, out _row.Outcome))
                {
                    throw Bad(ref reader, $"record {_records}: field 'winner' is '{text ?? Encoding.UTF8.GetString(label)}', expected model_a, model_b, tie or tie (bothbad)");
                }

                _sawWinner = true;
                break;
            case Field.Anony:
                _row.Anonymous = Boolean(ref reader, "anony");
                break;
            case Field.Tstamp:
                if (reader.TokenType == JsonTokenType.Number)
                {
                    _row.Tstamp = reader.GetDouble();
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    throw Bad(ref reader, $"record {_records}: field 'tstamp' must be a number of seconds");
                }

                break;
            case Field.Language:
                if (reader.TokenType == JsonTokenType.String)
                {
                    _row.Language = _languages.Intern(StringBytes(ref reader, "language", out _));
                }

                break;
            case Field.IsCode:
                if (Boolean(ref reader, "is_code") == true)
                {
                    _row.Categories |= BattleCategories.Coding;
                }

                _row.HasCategoryInfo = true;
                break;
            case Field.IsRefusal:
                if (Boolean(ref reader, "is_refusal") == true)
                {
                    _row.Categories |= BattleCategories.Refusal;
                }

                break;
            case Field.CategoryTag:
                _row.HasCategoryInfo |= reader.TokenType == JsonTokenType.StartObject;
                break;
            default:
                break;
        }
    }

    private void SubFieldName(ref Utf8JsonReader reader)
    {
        _subField = -1;
        var name = reader.ValueSpan;
        switch (_field)
        {
            case Field.DedupTag:
                _subField = name.SequenceEqual("sampled"u8) ? 0 : -1;
                break;
            case Field.ConvMetadata:
                _subField = StyleIndex(name);
                if (_subField >= 0)
                {
                    _row.HasStyle = true;
                }

                break;
            case Field.CategoryTag:
                _group = name.SequenceEqual("criteria_v0.1"u8) ? CategoryGroup.Criteria
                    : name.SequenceEqual("math_v0.1"u8) ? CategoryGroup.Math
                    : name.SequenceEqual("if_v0.1"u8) ? CategoryGroup.InstructionFollowing
                    : name.SequenceEqual("creative_writing_v0.1"u8) ? CategoryGroup.CreativeWriting
                    : CategoryGroup.Other;
                break;
            default:
                break;
        }
    }

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

    private void SubFieldValue(ref Utf8JsonReader reader)
    {
        if (_subField < 0)
        {
            return;
        }

        if (_field == Field.DedupTag)
        {
            _row.DedupSampled = Boolean(ref reader, "dedup_tag.sampled");
        }
        else if (_field == Field.ConvMetadata && reader.TokenType == JsonTokenType.Number)
        {
            _row.Style[_subField] = reader.GetDouble();
        }
    }

    private void CategoryFlagName(ref Utf8JsonReader reader)
    {
        var name = reader.ValueSpan;
        _subField = _group switch
        {
            CategoryGroup.Criteria => 0,
            CategoryGroup.Math => name.SequenceEqual("math"u8) ? 1 : -1,
            CategoryGroup.InstructionFollowing => name.SequenceEqual("if"u8) ? 2 : -1,
            CategoryGroup.CreativeWriting => name.SequenceEqual("creative_writing"u8) ? 3 : -1,
            _ => -1,
        };
    }

    private void DeepValue(ref Utf8JsonReader reader)
    {
        if (_field == Field.ConvMetadata && _subField >= 0 && reader.TokenType == JsonTokenType.Number)
        {
            // header_count_a and friends are dicts (h1…h6, ordered/unordered): summed.
            _row.Style[_subField] += reader.GetDouble();
        }
        else if (_field == Field.CategoryTag && _subField >= 0 && reader.TokenType == JsonTokenType.True)
        {
            switch (_subField)
            {
                case 0: _criteriaTrue++; break;
                case 1: _row.Categories |= BattleCategories.Math; break;
                case 2: _row.Categories |= BattleCategories.InstructionFollowing; break;
                case 3: _row.Categories |= BattleCategories.CreativeWriting; break;
                default: break;
            }
        }
    }

    private bool? Boolean(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        JsonTokenType.Number when Utf8Parser.TryParse(reader.ValueSpan, out int n, out _) && n is 0 or 1 => n == 1,
        _ => throw Bad(ref reader, $"record {_records}: field '{field}' must be true or false"),
    };

    private ReadOnlySpan<byte> StringBytes(ref Utf8JsonReader reader, string field, out string? unescaped)
    {
        unescaped = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Bad(ref reader, $"record {_records}: field '{field}' must be a string, found {reader.TokenType}");
        }

        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        unescaped = reader.GetString()!;
        return Encoding.UTF8.GetBytes(unescaped);
    }

    private ParityException Bad(ref Utf8JsonReader reader, string message) =>
        new($"{_path}:{LineAt((int)reader.TokenStartIndex)}: {message}.");
}
