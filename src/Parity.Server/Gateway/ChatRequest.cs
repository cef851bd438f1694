using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Parity.Server.Gateway;

/// <summary>
/// A chat completions request body, read once into a pooled buffer and scanned once with
/// <see cref="Utf8JsonReader"/> for what routing, limits and the ledger need (model, messages,
/// stream, stream_options, max tokens). The body sent upstream is the client's bytes with only the
/// <c>model</c> value replaced (and, for streams, <c>stream_options.include_usage</c> set), spliced
/// without building a document (<see cref="UpstreamContent"/>). Dispose when the request has ended.
/// <para>
/// The scan is also where the fields the gateway relies on are checked, once: a wrong JSON type or a
/// value out of range throws <see cref="RequestFieldException"/> naming the field, so nothing after it
/// (budget reservations, the upstream call) sees a negative, fractional or absurd value.
/// </para>
/// </summary>
internal sealed class ChatRequest : IDisposable
{
    /// <summary>The largest <c>max_tokens</c> / <c>max_completion_tokens</c> accepted (OpenAI's own bound, a 32-bit integer).</summary>
    public const long MaxOutputTokens = int.MaxValue;

    /// <summary>The largest <c>n</c> (choices per request) accepted, as OpenAI's API.</summary>
    public const int MaxChoices = 128;

    /// <summary>The longest piece of a refused value quoted back in an error.</summary>
    private const int QuotedValueLength = 40;
    private static readonly ConcurrentDictionary<string, byte[]> EncodedNames = new(StringComparer.Ordinal);
    private static readonly byte[] TrueLiteral = "true"u8.ToArray();
    private static readonly byte[] AddOptions = ",\"stream_options\":{\"include_usage\":true}"u8.ToArray();
    private static readonly byte[] OptionsObject = "{\"include_usage\":true}"u8.ToArray();
    private static readonly byte[] UsageFirst = "\"include_usage\":true,"u8.ToArray();
    private static readonly byte[] UsageOnly = "\"include_usage\":true"u8.ToArray();

    private byte[]? buffer;
    private int length;
    private int objectEnd = -1;
    private int modelStart = -1;
    private int modelEnd = -1;
    private int optionsStart = -1;
    private int optionsEnd = -1;
    private bool optionsIsObject;
    private bool optionsEmpty;
    private int usageStart = -1;
    private int usageEnd = -1;
    private int lastUserContentStart = -1;
    private int lastUserContentEnd = -1;
    private bool lastContentIsUser;

    private ChatRequest(byte[] buffer, int length)
    {
        this.buffer = buffer;
        this.length = length;
    }

    /// <summary>The requested model or route; null when missing, null or empty (a value of another type is refused).</summary>
    public string? Model { get; private set; }

    /// <summary>Whether <c>messages</c> is an array.</summary>
    public bool HasMessages { get; private set; }

    /// <summary>How many messages there are.</summary>
    public int MessageCount { get; private set; }

    /// <summary>Characters of the messages' text (string contents and the <c>text</c> of content parts).</summary>
    public long PromptCharacters { get; private set; }

    /// <summary><c>stream: true</c>.</summary>
    public bool Stream { get; private set; }

    /// <summary><c>stream_options.include_usage: true</c> from the client.</summary>
    public bool ClientWantsUsage { get; private set; }

    /// <summary><c>max_completion_tokens</c>, or <c>max_tokens</c>, when given: an integer from 1 to <see cref="MaxOutputTokens"/>.</summary>
    public long? MaxTokens => maxCompletionTokens ?? maxTokens;

    /// <summary><c>n</c>, the choices asked for (1 when not given): each may be <see cref="MaxTokens"/> long.</summary>
    public int Choices { get; private set; } = 1;

    /// <summary><c>temperature</c> when given (0 to 2).</summary>
    public double? Temperature { get; private set; }

    private bool optionsGiven;

    private long? maxCompletionTokens;
    private long? maxTokens;

    /// <summary>
    /// Reads and scans a body of at most <paramref name="maxBytes"/>; throws <see cref="JsonException"/> when
    /// it is not a JSON object, <see cref="RequestFieldException"/> for a refused field, and
    /// <see cref="BadHttpRequestException"/> (413) when it is longer than <paramref name="maxBytes"/>.
    /// </summary>
    public static async Task<ChatRequest> ReadAsync(Stream body, long? contentLength, long maxBytes, CancellationToken cancellationToken)
    {
        if (contentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(contentLength is > 0 ? (int)contentLength + 1 : 4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        var request = new ChatRequest(buffer, length);
        try
        {
            request.Scan();
        }
        catch
        {
            request.Dispose();
            throw;
        }

        return request;
    }

    /// <summary>The error for a body over the limit, as Kestrel's own limit raises it.</summary>
    private static BadHttpRequestException TooLarge(long maxBytes) =>
        new($"The request body is larger than the gateway's limit of {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    /// <summary>Scans a body held in memory (tests).</summary>
    public static ChatRequest Parse(ReadOnlySpan<byte> body)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(body.Length, 1));
        body.CopyTo(buffer);
        var request = new ChatRequest(buffer, body.Length);
        try
        {
            request.Scan();
        }
        catch
        {
            request.Dispose();
            throw;
        }

        return request;
    }

    /// <summary>The body to send upstream for <paramref name="upstreamModel"/>; with <paramref name="forceUsage"/>, <c>stream_options.include_usage</c> is true.</summary>
    public HttpContent UpstreamContent(string upstreamModel, bool forceUsage) => new SplicedContent(Splice(upstreamModel, forceUsage));

    /// <summary>The pieces of the upstream body, in order.</summary>
    internal ReadOnlyMemory<byte>[] Splice(string upstreamModel, bool forceUsage)
    {
        var body = new ReadOnlyMemory<byte>(buffer ?? throw new ObjectDisposedException(nameof(ChatRequest)), 0, length);
        var name = EncodedNames.GetOrAdd(upstreamModel, static n => JsonSerializer.SerializeToUtf8Bytes(n));
        var edits = new List<(int Start, int End, byte[] With)>(2) { (modelStart, modelEnd, name) };
        if (forceUsage && !ClientWantsUsage)
        {
            if (optionsStart < 0)
            {
                edits.Add((objectEnd, objectEnd, AddOptions));
            }
            else if (!optionsIsObject)
            {
                edits.Add((optionsStart, optionsEnd, OptionsObject));
            }
            else if (usageStart >= 0)
            {
                edits.Add((usageStart, usageEnd, TrueLiteral));
            }
            else
            {
                edits.Add((optionsStart + 1, optionsStart + 1, optionsEmpty ? UsageOnly : UsageFirst));
            }
        }

        edits.Sort((a, b) => a.Start.CompareTo(b.Start));
        var parts = new ReadOnlyMemory<byte>[(edits.Count * 2) + 1];
        var at = 0;
        var p = 0;
        foreach (var (start, end, with) in edits)
        {
            parts[p++] = body[at..start];
            parts[p++] = with;
            at = end;
        }

        parts[p] = body[at..];
        return parts;
    }

    public void Dispose()
    {
        if (buffer is { } b)
        {
            buffer = null;
            ArrayPool<byte>.Shared.Return(b);
        }
    }

    private void Scan()
    {
        var reader = new Utf8JsonReader(buffer.AsSpan(0, length), new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The body is not a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                if (modelStart >= 0)
                {
                    throw new JsonException("The body names 'model' twice.");
                }

                reader.Read();
                modelStart = (int)reader.TokenStartIndex;
                Model = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString() is { Length: > 0 } name ? name : null,
                    JsonTokenType.Null => null,
                    _ => throw WrongType(ref reader, "model", "a string: a model or route name (see GET /v1/models)"),
                };
                reader.Skip();
                modelEnd = (int)reader.BytesConsumed;
            }
            else if (reader.ValueTextEquals("messages"u8))
            {
                reader.Read();
                ScanMessages(ref reader);
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                Stream = Boolean(ref reader, "stream") ?? false;
            }
            else if (reader.ValueTextEquals("stream_options"u8))
            {
                if (optionsStart >= 0)
                {
                    throw new JsonException("The body names 'stream_options' twice.");
                }

                reader.Read();
                ScanStreamOptions(ref reader);
            }
            else if (reader.ValueTextEquals("max_completion_tokens"u8))
            {
                reader.Read();
                maxCompletionTokens = Integer(ref reader, "max_completion_tokens", 1, MaxOutputTokens);
            }
            else if (reader.ValueTextEquals("max_tokens"u8))
            {
                reader.Read();
                maxTokens = Integer(ref reader, "max_tokens", 1, MaxOutputTokens);
            }
            else if (reader.ValueTextEquals("n"u8))
            {
                reader.Read();
                Choices = (int)(Integer(ref reader, "n", 1, MaxChoices) ?? 1);
            }
            else if (reader.ValueTextEquals("temperature"u8))
            {
                reader.Read();
                Temperature = Number(ref reader, "temperature", 0, 2);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // The loop ends on the object's end (anything else has thrown).
        objectEnd = (int)reader.TokenStartIndex;
        if (reader.Read())
        {
            throw new JsonException("The body has more after its JSON object.");
        }

        if (optionsGiven && !Stream)
        {
            throw new RequestFieldException("stream_options", "invalid_value", "'stream_options' is only allowed when 'stream' is true.");
        }

        if (modelStart < 0)
        {
            // Nothing to replace: the handler refuses a request without a model before it goes upstream.
            modelStart = modelEnd = objectEnd;
        }
    }

    private void ScanMessages(ref Utf8JsonReader reader)
    {
        HasMessages = reader.TokenType == JsonTokenType.StartArray;
        MessageCount = 0;
        PromptCharacters = 0;
        if (!HasMessages)
        {
            if (reader.TokenType != JsonTokenType.Null)
            {
                throw WrongType(ref reader, "messages", "an array of messages");
            }

            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            MessageCount++;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var isUser = false;
            int contentStart = -1, contentEnd = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isContent = reader.ValueTextEquals("content"u8);
                var isRole = !isContent && reader.ValueTextEquals("role"u8);
                reader.Read();
                if (isContent && reader.TokenType is JsonTokenType.String or JsonTokenType.StartArray)
                {
                    contentStart = (int)reader.TokenStartIndex;
                }

                if (isRole && reader.TokenType == JsonTokenType.String)
                {
                    isUser = reader.ValueTextEquals("user"u8);
                }
                else if (isContent && reader.TokenType == JsonTokenType.String)
                {
                    PromptCharacters += Characters(ref reader);
                    contentEnd = (int)reader.BytesConsumed;
                }
                else if (isContent && reader.TokenType == JsonTokenType.StartArray)
                {
                    PromptCharacters += ReadContentParts(ref reader, text: null);
                    contentEnd = (int)reader.BytesConsumed;
                }
                else
                {
                    reader.Skip();
                }
            }

            if (contentEnd > 0 && (isUser || lastUserContentStart < 0 || !lastContentIsUser))
            {
                (lastUserContentStart, lastUserContentEnd, lastContentIsUser) = (contentStart, contentEnd, isUser);
            }
        }
    }

    /// <summary>
    /// The text a learned route scores: the content of the last user message (a string, or the <c>text</c>
    /// of its content parts joined by newlines), or of the last message with content when no message is the
    /// user's; empty when there is none. RouteLLM routes on the last turn the same way, and its routers (and
    /// Parity's, trained on the benchmarks' single questions) learned from one user turn, not a conversation.
    /// </summary>
    public string RouterPrompt()
    {
        if (lastUserContentStart < 0)
        {
            return "";
        }

        var reader = new Utf8JsonReader(buffer.AsSpan(lastUserContentStart, lastUserContentEnd - lastUserContentStart));
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString() ?? "";
        }

        var text = new StringBuilder();
        ReadContentParts(ref reader, text);
        return text.ToString();
    }

    /// <summary>
    /// Reads an array of content parts, the reader on its start: the characters of the parts' <c>text</c>, also
    /// appended to <paramref name="text"/> (newline-separated) when given.
    /// </summary>
    private static long ReadContentParts(ref Utf8JsonReader reader, StringBuilder? text)
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
                reader.Read();
                if (isText && reader.TokenType == JsonTokenType.String)
                {
                    characters += Characters(ref reader);
                    if (text is not null)
                    {
                        text.Append(text.Length > 0 ? "\n" : "").Append(reader.GetString());
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return characters;
    }

    private void ScanStreamOptions(ref Utf8JsonReader reader)
    {
        optionsStart = (int)reader.TokenStartIndex;
        optionsIsObject = reader.TokenType == JsonTokenType.StartObject;
        if (!optionsIsObject)
        {
            if (reader.TokenType != JsonTokenType.Null)
            {
                throw WrongType(ref reader, "stream_options", "an object such as {\"include_usage\": true}");
            }

            optionsEnd = (int)reader.BytesConsumed;
            return;
        }

        optionsGiven = true;

        optionsEmpty = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            optionsEmpty = false;
            var isUsage = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            if (isUsage)
            {
                usageStart = (int)reader.TokenStartIndex;
                ClientWantsUsage = Boolean(ref reader, "stream_options.include_usage") ?? false;
                usageEnd = (int)reader.BytesConsumed;
            }
            else
            {
                reader.Skip();
            }
        }

        optionsEnd = (int)reader.BytesConsumed;
    }

    /// <summary>An optional integer field from <paramref name="min"/> to <paramref name="max"/>; null when absent or null.</summary>
    private static long? Integer(ref Utf8JsonReader reader, string field, long min, long max)
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
    private static double? Number(ref Utf8JsonReader reader, string field, double min, double max)
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
    private static bool? Boolean(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw WrongType(ref reader, field, "a boolean"),
    };

    private static RequestFieldException WrongType(ref Utf8JsonReader reader, string field, string expected)
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
    private static string Quote(ref Utf8JsonReader reader)
    {
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        var text = Encoding.UTF8.GetString(raw.AsSpan(0, Math.Min(raw.Length, QuotedValueLength)));
        return raw.Length > QuotedValueLength ? text + "…" : text;
    }

    private static long Characters(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? reader.GetString()!.Length : Encoding.UTF8.GetCharCount(reader.ValueSpan);
}
