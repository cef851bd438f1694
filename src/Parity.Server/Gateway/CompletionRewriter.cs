using System.Text;
using System.Text.Json;

namespace Parity.Server.Gateway;

/// <summary>
/// Reads a whole (non-streamed) chat completion in one pass without building a document: its usage,
/// the length of its message text, and where its top-level <c>model</c> value sits, which is then
/// replaced by the gateway's model name. Everything else is relayed byte for byte.
/// </summary>
internal static class CompletionRewriter
{
    /// <summary>
    /// False when the body is not a chat completion: not a JSON object, or one without a <c>choices</c> array
    /// (<paramref name="errorObject"/> tells when it carries an <c>error</c> member instead, as some providers
    /// answer 200 with an error). <paramref name="modelJson"/> is the model's name as a JSON string.
    /// </summary>
    public static bool TryRewrite(byte[] body, ReadOnlySpan<byte> modelJson, out byte[] rewritten, out UsageCounts usage, out long contentCharacters, out bool errorObject)
    {
        rewritten = body;
        usage = default;
        contentCharacters = 0;
        errorObject = false;
        var hasChoices = false;
        var hasUsage = false;
        long modelStart = -1, modelEnd = -1;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                {
                    break;
                }

                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.CurrentDepth == 1 && reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    modelStart = reader.TokenStartIndex;
                    reader.Skip();
                    modelEnd = reader.BytesConsumed;
                }
                else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("choices"u8))
                {
                    reader.Read();
                    hasChoices = reader.TokenType == JsonTokenType.StartArray;
                    if (!hasChoices)
                    {
                        reader.Skip();
                    }
                }
                else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("error"u8))
                {
                    errorObject = true;
                    reader.Read();
                    reader.Skip();
                }
                else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    hasUsage = ReadUsage(ref reader, ref usage);
                }
                else if (reader.CurrentDepth >= 3 && reader.ValueTextEquals("content"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        contentCharacters += reader.HasValueSequence ? reader.ValueSequence.Length : Encoding.UTF8.GetCharCount(reader.ValueSpan);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        if (!hasChoices || errorObject)
        {
            return false;
        }

        usage.FromUpstream = hasUsage;
        if (modelStart >= 0)
        {
            var result = new byte[body.Length - (modelEnd - modelStart) + modelJson.Length];
            body.AsSpan(0, (int)modelStart).CopyTo(result);
            modelJson.CopyTo(result.AsSpan((int)modelStart));
            body.AsSpan((int)modelEnd).CopyTo(result.AsSpan((int)modelStart + modelJson.Length));
            rewritten = result;
        }

        return true;
    }

    /// <summary>Reads an OpenAI-style usage object at the reader (also DeepSeek's <c>prompt_cache_hit_tokens</c>); false (skipped) when it is not an object.</summary>
    internal static bool ReadUsage(ref Utf8JsonReader reader, ref UsageCounts usage)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var nested = reader.CurrentDepth > depth + 1;
            if (!nested && reader.ValueTextEquals("prompt_tokens"u8))
            {
                usage.Input = Number(ref reader);
            }
            else if (!nested && reader.ValueTextEquals("completion_tokens"u8))
            {
                usage.Output = Number(ref reader);
            }
            else if (!nested && reader.ValueTextEquals("prompt_cache_hit_tokens"u8) && usage.Cached == 0)
            {
                usage.Cached = Number(ref reader);
            }
            else if (nested && reader.ValueTextEquals("cached_tokens"u8))
            {
                var cached = Number(ref reader);
                if (cached > 0)
                {
                    usage.Cached = cached;
                }
            }
        }

        return true;
    }

    private static long Number(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return 0;
        }

        return reader.TryGetInt64(out var l) ? l : (long)reader.GetDouble();
    }
}
