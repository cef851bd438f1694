using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parity.Cli;

/// <summary>
/// Writes a double that is not a number (NaN, ±∞: the accuracy of a model with no answered item,
/// the interval of an empty sample) as JSON <c>null</c>, which JSON can hold, instead of failing the
/// whole output; finite values are written as they are.
/// </summary>
internal sealed class NonFiniteAsNullConverter : JsonConverter<double>
{
    public override bool HandleNull => false;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
