using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Parity.Server.Gateway;

/// <summary>
/// One streamed chat completion chunk (the JSON of an SSE <c>data:</c> line) read in one pass without
/// building a document: its usage, the text its choices add, whether one finished, and where its
/// top-level <c>model</c> and <c>usage</c> members sit. <see cref="WritePayload"/> writes it on
/// with the gateway's model name and, when the client did not ask for usage, without <c>usage</c>;
/// every other byte is relayed as it came (text stays UTF-8, nothing is re-escaped).
/// </summary>
internal ref struct StreamChunk
{
    private ReadOnlySpan<byte> json;
    private int objectEnd;
    private int modelStart;
    private int modelEnd;
    private int usageStart;
    private int usageEnd;
    private bool hasMembers;

    /// <summary>The chunk's usage, when it carries a usage object.</summary>
    public UsageCounts Usage;

    /// <summary>Whether the chunk carries a usage object.</summary>
    public bool HasUsage;

    /// <summary>Characters of <c>content</c> and <c>reasoning_content</c> the chunk's choices add.</summary>
    public long Characters;

    /// <summary>Whether a choice has a <c>finish_reason</c>.</summary>
    public bool Finished;

    /// <summary>The number of choices (0 when there are none or no <c>choices</c> member).</summary>
    public int Choices;

    /// <summary>Whether the chunk has a top-level <c>error</c> member (an error sent as an event).</summary>
    public bool HasError;

    /// <summary>Reads <paramref name="payload"/>; false when it is not a JSON object (relay it as it came).</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out StreamChunk chunk)
    {
        chunk = new StreamChunk { json = payload, modelStart = -1, usageStart = -1 };
        try
        {
            var r = new Utf8JsonReader(payload);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var inChoices = false;
            while (r.Read())
            {
                var depth = r.CurrentDepth;
                switch (r.TokenType)
                {
                    case JsonTokenType.EndObject when depth == 0:
                        chunk.objectEnd = (int)r.TokenStartIndex;
                        return r.Read() is false || r.TokenType == JsonTokenType.None;
                    case JsonTokenType.EndArray when depth == 1:
                        inChoices = false;
                        break;
                    case JsonTokenType.StartObject when depth == 2 && inChoices:
                        chunk.Choices++;
                        break;
                    case JsonTokenType.PropertyName when depth == 1:
                        chunk.hasMembers = true;
                        var start = (int)r.TokenStartIndex;
                        if (r.ValueTextEquals("model"u8))
                        {
                            r.Read();
                            chunk.modelStart = (int)r.TokenStartIndex;
                            r.Skip();
                            chunk.modelEnd = (int)r.BytesConsumed;
                        }
                        else if (r.ValueTextEquals("usage"u8))
                        {
                            r.Read();
                            chunk.HasUsage = CompletionRewriter.ReadUsage(ref r, ref chunk.Usage);
                            chunk.Usage.FromUpstream = chunk.HasUsage;
                            chunk.usageStart = start;
                            chunk.usageEnd = (int)r.BytesConsumed;
                        }
                        else if (r.ValueTextEquals("error"u8))
                        {
                            chunk.HasError = true;
                            r.Read();
                            r.Skip();
                        }
                        else if (r.ValueTextEquals("choices"u8))
                        {
                            r.Read();
                            inChoices = r.TokenType == JsonTokenType.StartArray;
                            if (!inChoices)
                            {
                                r.Skip();
                            }
                        }

                        break;
                    case JsonTokenType.PropertyName when depth == 3 && inChoices && r.ValueTextEquals("finish_reason"u8):
                        r.Read();
                        chunk.Finished |= r.TokenType == JsonTokenType.String;
                        break;
                    case JsonTokenType.PropertyName when depth == 4 && inChoices && (r.ValueTextEquals("content"u8) || r.ValueTextEquals("reasoning_content"u8)):
                        r.Read();
                        if (r.TokenType == JsonTokenType.String)
                        {
                            chunk.Characters += Encoding.UTF8.GetCharCount(r.ValueSpan);
                        }

                        break;
                }
            }

            return false; // the object never closed
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes the chunk with <paramref name="modelJson"/> (a JSON string) as its <c>model</c> — added when
    /// it has none — and without <c>usage</c> unless <paramref name="keepUsage"/> (the event's data; see
    /// <see cref="SseFrame"/> for the event around it).
    /// </summary>
    public readonly void WritePayload(IBufferWriter<byte> output, ReadOnlySpan<byte> modelJson, bool keepUsage)
    {
        var removeStart = -1;
        var removeEnd = -1;
        if (!keepUsage && usageStart >= 0)
        {
            (removeStart, removeEnd) = WithComma(usageStart, usageEnd);
        }

        // Edits in order of position: the model value replaced, the usage member removed.
        var at = 0;
        if (modelStart >= 0 && removeStart >= 0 && removeStart < modelStart)
        {
            Write(output, json[at..removeStart]);
            at = removeEnd;
            removeStart = -1;
        }

        if (modelStart >= 0)
        {
            Write(output, json[at..modelStart]);
            Write(output, modelJson);
            at = modelEnd;
        }

        if (removeStart >= 0)
        {
            Write(output, json[at..removeStart]);
            at = removeEnd;
        }

        if (modelStart < 0)
        {
            Write(output, json[at..objectEnd]);
            var othersLeft = hasMembers && !(removeEnd >= 0 && NothingBesides(removeStart, removeEnd));
            Write(output, othersLeft ? ",\"model\":"u8 : "\"model\":"u8);
            Write(output, modelJson);
            at = objectEnd;
        }

        Write(output, json[at..]);
    }

    /// <summary>The member's range widened by the comma that separates it from its neighbour.</summary>
    private readonly (int Start, int End) WithComma(int start, int end)
    {
        var before = start - 1;
        while (before >= 0 && IsSpace(json[before]))
        {
            before--;
        }

        if (before >= 0 && json[before] == (byte)',')
        {
            return (before, end);
        }

        var after = end;
        while (after < json.Length && IsSpace(json[after]))
        {
            after++;
        }

        return after < json.Length && json[after] == (byte)',' ? (start, after + 1) : (start, end);
    }

    /// <summary>Whether the object holds nothing outside <paramref name="start"/>..<paramref name="end"/> (a removed member was its only one).</summary>
    private readonly bool NothingBesides(int start, int end) =>
        json[..start].Trim(" \t\r\n"u8).SequenceEqual("{"u8) && json[end..].Trim(" \t\r\n"u8).SequenceEqual("}"u8);

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
