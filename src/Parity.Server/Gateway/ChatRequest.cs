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

    /// <summary>What of the body becomes prompt tokens (messages, tools, images), to count with a model's tokenizer.</summary>
    private readonly PromptText prompt = new();

    /// <summary>The prompt's tokens in <paramref name="encoding"/> (counted once per encoding; see <see cref="PromptText"/>).</summary>
    public long PromptTokens(Parity.Gateway.TokenEncoding encoding) =>
        prompt.Count(new ReadOnlySpan<byte>(buffer ?? throw new ObjectDisposedException(nameof(ChatRequest)), 0, length), encoding);

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
                    _ => throw RequestFields.WrongType(ref reader, "model", "a string: a model or route name (see GET /v1/models)"),
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
                Stream = RequestFields.Boolean(ref reader, "stream") ?? false;
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
                maxCompletionTokens = RequestFields.Integer(ref reader, "max_completion_tokens", 1, MaxOutputTokens);
            }
            else if (reader.ValueTextEquals("max_tokens"u8))
            {
                reader.Read();
                maxTokens = RequestFields.Integer(ref reader, "max_tokens", 1, MaxOutputTokens);
            }
            else if (reader.ValueTextEquals("n"u8))
            {
                reader.Read();
                Choices = (int)(RequestFields.Integer(ref reader, "n", 1, MaxChoices) ?? 1);
            }
            else if (reader.ValueTextEquals("temperature"u8))
            {
                reader.Read();
                Temperature = RequestFields.Number(ref reader, "temperature", 0, 2);
            }
            else if (reader.ValueTextEquals("tools"u8) || reader.ValueTextEquals("functions"u8))
            {
                reader.Read();
                SkipCounted(ref reader);
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
                throw RequestFields.WrongType(ref reader, "messages", "an array of messages");
            }

            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            MessageCount++;
            prompt.AddMessage();
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
                var isName = !isContent && !isRole && reader.ValueTextEquals("name"u8);
                var isCall = !isContent && !isRole && !isName && (reader.ValueTextEquals("tool_calls"u8) || reader.ValueTextEquals("function_call"u8));
                reader.Read();
                if (isContent && reader.TokenType is JsonTokenType.String or JsonTokenType.StartArray)
                {
                    contentStart = (int)reader.TokenStartIndex;
                }

                if ((isRole || isName) && reader.TokenType == JsonTokenType.String)
                {
                    isUser |= isRole && reader.ValueTextEquals("user"u8);
                    prompt.AddString(reader.TokenStartIndex, reader.BytesConsumed);
                    if (isName)
                    {
                        prompt.AddName();
                    }
                }
                else if (isContent && reader.TokenType == JsonTokenType.String)
                {
                    PromptCharacters += RequestFields.Characters(ref reader);
                    prompt.AddString(reader.TokenStartIndex, reader.BytesConsumed);
                    contentEnd = (int)reader.BytesConsumed;
                }
                else if (isContent && reader.TokenType == JsonTokenType.StartArray)
                {
                    PromptCharacters += ContentParts.Read(ref reader, text: null, prompt);
                    contentEnd = (int)reader.BytesConsumed;
                }
                else if (isCall)
                {
                    SkipCounted(ref reader);
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
        ContentParts.Read(ref reader, text, counted: null);
        return text.ToString();
    }

    /// <summary>Skips the value at the reader, counting its JSON text as prompt (tool definitions and calls).</summary>
    private void SkipCounted(ref Utf8JsonReader reader)
    {
        var start = reader.TokenStartIndex;
        reader.Skip();
        prompt.AddJson(start, reader.BytesConsumed);
    }

    private void ScanStreamOptions(ref Utf8JsonReader reader)
    {
        optionsStart = (int)reader.TokenStartIndex;
        optionsIsObject = reader.TokenType == JsonTokenType.StartObject;
        if (!optionsIsObject)
        {
            if (reader.TokenType != JsonTokenType.Null)
            {
                throw RequestFields.WrongType(ref reader, "stream_options", "an object such as {\"include_usage\": true}");
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
                ClientWantsUsage = RequestFields.Boolean(ref reader, "stream_options.include_usage") ?? false;
                usageEnd = (int)reader.BytesConsumed;
            }
            else
            {
                reader.Skip();
            }
        }

        optionsEnd = (int)reader.BytesConsumed;
    }
}
