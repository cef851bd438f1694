using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Parity.Server.Gateway;

/// <summary>
/// Reads and checks the request fields the gateway relies on, at a <see cref="Utf8JsonReader"/>'s value: a
/// wrong JSON type or a value out of range throws <see cref="RequestFieldException"/> naming the field, in
/// OpenAI's words.
/// </summary>
internal static class RequestFields
{
    /// <summary>The longest piece of a refused value quoted back in an error.</summary>
    private const int QuotedValueLength = 40;

    /// <summary>An optional integer field from <paramref name="min"/> to <paramref name="max"/>; null when absent or null.</summary>
    internal static long? Integer(ref Utf8JsonReader reader, string field, long min, long max)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw WrongType(ref reader, field, "an integer");
        }

        if (reader.TryGetInt64(out var value) && value >= min && value <= max)
        {
            return value;
        }

        var digits = reader.ValueSpan;
        if (digits.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
        {
            // 1.5, 1e3 and 100.0 alike: the field counts whole tokens or choices.
            throw WrongType(ref reader, field, "an integer");
        }

        var below = digits[0] == (byte)'-' || (reader.TryGetInt64(out var small) && small < min);
        throw new RequestFieldException(field, below ? "integer_below_min_value" : "integer_above_max_value",
            $"Invalid '{field}': integer {(below ? "below minimum" : "above maximum")} value. Expected a value {(below ? ">= " + min : "<= " + max)}, but got {Quote(ref reader)} instead.");
    }

    /// <summary>An optional finite number from <paramref name="min"/> to <paramref name="max"/>; null when absent or null.</summary>
    internal static double? Number(ref Utf8JsonReader reader, string field, double min, double max)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw WrongType(ref reader, field, "a number");
        }

        // A number too large for a double (1e999) does not parse: it is above any maximum.
        var finite = reader.TryGetDouble(out var value) && double.IsFinite(value);
        if (finite && value >= min && value <= max)
        {
            return value;
        }

        var below = finite ? value < min : reader.ValueSpan[0] == (byte)'-';
        throw new RequestFieldException(field, below ? "decimal_below_min_value" : "decimal_above_max_value",
            $"Invalid '{field}': number {(below ? "below minimum" : "above maximum")} value. Expected a value {(below ? ">= " + min.ToString(System.Globalization.CultureInfo.InvariantCulture) : "<= " + max.ToString(System.Globalization.CultureInfo.InvariantCulture))}, but got {Quote(ref reader)} instead.");
    }

    /// <summary>An optional boolean field; null when absent or null. Leaves the reader after the value.</summary>
    internal static bool? Boolean(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw WrongType(ref reader, field, "a boolean"),
    };

    internal static RequestFieldException WrongType(ref Utf8JsonReader reader, string field, string expected)
    {
        var got = reader.TokenType switch
        {
            JsonTokenType.String => "a string",
            JsonTokenType.Number => Quote(ref reader),
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            _ => "null",
        };
        return new RequestFieldException(field, "invalid_type", $"Invalid type for '{field}': expected {expected}, but got {got}.");
    }

    /// <summary>A scalar value as the client wrote it, cut at <see cref="QuotedValueLength"/> bytes (a hostile value can be long).</summary>
    internal static string Quote(ref Utf8JsonReader reader)
    {
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        var text = Encoding.UTF8.GetString(raw.AsSpan(0, Math.Min(raw.Length, QuotedValueLength)));
        return raw.Length > QuotedValueLength ? text + "…" : text;
    }

    internal static long Characters(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? reader.GetString()!.Length : Encoding.UTF8.GetCharCount(reader.ValueSpan);
}
