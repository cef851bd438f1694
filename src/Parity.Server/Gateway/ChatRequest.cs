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
/// </summary>
internal sealed class ChatRequest : IDisposable
{
    private const int MaxBody = 64 * 1024 * 1024;
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

    private ChatRequest(byte[] buffer, int length)
    {
        this.buffer = buffer;
        this.length = length;
    }

    /// <summary>The requested model or route; null when missing or not a string.</summary>
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

    /// <summary><c>max_completion_tokens</c>, or <c>max_tokens</c>, when an integer.</summary>
    public long? MaxTokens => maxCompletionTokens ?? maxTokens;

    private long? maxCompletionTokens;
    private long? maxTokens;

    /// <summary>Reads and scans a body; throws <see cref="JsonException"/> when it is not a JSON object.</summary>
    public static async Task<ChatRequest> ReadAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(contentLength is > 0 and < MaxBody ? (int)contentLength + 1 : 4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= MaxBody)
                    {
                        throw new JsonException($"The body is larger than {MaxBody / (1024 * 1024)} MB.");
                    }

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
                Model = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
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
                Stream = reader.TokenType == JsonTokenType.True;
                reader.Skip();
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
                maxCompletionTokens = Integer(ref reader);
            }
            else if (reader.ValueTextEquals("max_tokens"u8))
            {
                reader.Read();
                maxTokens = Integer(ref reader);
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
            reader.Skip();
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

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isContent = reader.ValueTextEquals("content"u8);
                reader.Read();
                if (isContent && reader.TokenType == JsonTokenType.String)
                {
                    PromptCharacters += Characters(ref reader);
                }
                else if (isContent && reader.TokenType == JsonTokenType.StartArray)
                {
                    ScanContentParts(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    private void ScanContentParts(ref Utf8JsonReader reader)
    {
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
                    PromptCharacters += Characters(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    private void ScanStreamOptions(ref Utf8JsonReader reader)
    {
        optionsStart = (int)reader.TokenStartIndex;
        optionsIsObject = reader.TokenType == JsonTokenType.StartObject;
        if (!optionsIsObject)
        {
            reader.Skip();
            optionsEnd = (int)reader.BytesConsumed;
            return;
        }

        optionsEmpty = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            optionsEmpty = false;
            var isUsage = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            if (isUsage)
            {
                usageStart = (int)reader.TokenStartIndex;
                ClientWantsUsage = reader.TokenType == JsonTokenType.True;
            }

            reader.Skip();
            if (isUsage)
            {
                usageEnd = (int)reader.BytesConsumed;
            }
        }

        optionsEnd = (int)reader.BytesConsumed;
    }

    private static long? Integer(ref Utf8JsonReader reader)
    {
        long? value = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) ? n : null;
        reader.Skip();
        return value;
    }

    private static long Characters(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? reader.GetString()!.Length : Encoding.UTF8.GetCharCount(reader.ValueSpan);
}
