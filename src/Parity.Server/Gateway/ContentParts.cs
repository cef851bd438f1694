using System.Text;
using System.Text.Json;

namespace Parity.Server.Gateway;

/// <summary>A message's <c>content</c> given as an array of parts (<c>text</c>, <c>image_url</c>, …).</summary>
internal static class ContentParts
{
    /// <summary>
    /// Reads an array of content parts, the reader on its start: the characters of the parts' <c>text</c>, also
    /// appended to <paramref name="text"/> (newline-separated) when given, and the texts and images added to
    /// <paramref name="counted"/> when given.
    /// </summary>
    public static long Read(ref Utf8JsonReader reader, StringBuilder? text, PromptText? counted)
    {
        long characters = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isText = reader.ValueTextEquals("text"u8);
                var isImage = !isText && reader.ValueTextEquals("image_url"u8);
                reader.Read();
                if (isText && reader.TokenType == JsonTokenType.String)
                {
                    characters += RequestFields.Characters(ref reader);
                    counted?.AddString(reader.TokenStartIndex, reader.BytesConsumed);
                    if (text is not null)
                    {
                        text.Append(text.Length > 0 ? "\n" : "").Append(reader.GetString());
                    }
                }
                else if (isImage && counted is not null)
                {
                    counted.AddImage(lowDetail: LowDetail(ref reader));
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return characters;
    }

    /// <summary>Reads an <c>image_url</c> value: whether it asks for <c>detail: low</c>.</summary>
    private static bool LowDetail(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var low = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isDetail = reader.ValueTextEquals("detail"u8);
            reader.Read();
            if (isDetail && reader.TokenType == JsonTokenType.String)
            {
                low = reader.ValueTextEquals("low"u8);
            }
            else
            {
                reader.Skip();
            }
        }

        return low;
    }
}
