using System.Buffers;
using System.Text;
using System.Text.Json;
using Parity.Gateway;

namespace Parity.Server.Gateway;

/// <summary>
/// What of a request's body becomes prompt tokens, found while <see cref="ChatRequest"/> scans it: the
/// messages' roles, names and text (string contents and the <c>text</c> of content parts), assistant
/// <c>tool_calls</c> / <c>function_call</c>, the <c>tools</c> / <c>functions</c> definitions (counted as
/// their JSON text), and images. <see cref="Count"/> counts them with a model's tokenizer, adding the
/// per-message overhead of OpenAI's chat format (3 tokens per message, 1 per name, 3 priming the reply,
/// as OpenAI's cookbook counts them) and per image 85 tokens at <c>detail: low</c>, else 1,445 (GPT-4o's
/// most for one image: 85 + 170 per 512-pixel tile, at most 8 tiles). Only byte positions are kept
/// during the scan; text is decoded when counted.
/// </summary>
internal sealed class PromptText
{
    /// <summary>Tokens of the chat format per message (OpenAI's cookbook: <c>tokens_per_message</c>).</summary>
    public const int TokensPerMessage = 3;

    /// <summary>Tokens per message <c>name</c>, beyond the name's own.</summary>
    public const int TokensPerName = 1;

    /// <summary>Tokens priming the reply (<c>&lt;|start|&gt;assistant&lt;|message|&gt;</c>).</summary>
    public const int ReplyPriming = 3;

    /// <summary>An image at <c>detail: low</c>.</summary>
    public const int LowDetailImage = 85;

    /// <summary>An image at <c>detail: high</c> or <c>auto</c>, of a size the gateway does not know: the most GPT-4o bills for one.</summary>
    public const int HighDetailImage = 85 + (170 * 8);

    private readonly List<(int Start, int End, bool JsonString)> segments = [];
    private int longest;
    private int messages;
    private int names;
    private int lowImages;
    private int highImages;
    private long o200k = -1;
    private long cl100k = -1;

    /// <summary>A JSON string token (its quotes included) at <paramref name="start"/>..<paramref name="end"/> of the body.</summary>
    public void AddString(long start, long end) => Add((int)start, (int)end, jsonString: true);

    /// <summary>A JSON value counted as its text (tool definitions, tool calls).</summary>
    public void AddJson(long start, long end) => Add((int)start, (int)end, jsonString: false);

    public void AddMessage() => messages++;

    public void AddName() => names++;

    public void AddImage(bool lowDetail)
    {
        if (lowDetail)
        {
            lowImages++;
        }
        else
        {
            highImages++;
        }
    }

    /// <summary>The prompt's tokens in <paramref name="encoding"/>, counted once per encoding.</summary>
    public long Count(ReadOnlySpan<byte> body, TokenEncoding encoding)
    {
        ref var cached = ref encoding == TokenEncoding.Cl100k ? ref cl100k : ref o200k;
        if (cached < 0)
        {
            cached = CountText(body, encoding) + ((long)TokensPerMessage * messages) + ((long)TokensPerName * names)
                + (messages > 0 ? ReplyPriming : 0) + ((long)LowDetailImage * lowImages) + ((long)HighDetailImage * highImages);
        }

        return cached;
    }

    private long CountText(ReadOnlySpan<byte> body, TokenEncoding encoding)
    {
        if (segments.Count == 0)
        {
            return 0;
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(longest, 16));
        try
        {
            long tokens = 0;
            foreach (var (start, end, jsonString) in segments)
            {
                var bytes = body[start..end];
                int length;
                if (jsonString)
                {
                    var reader = new Utf8JsonReader(bytes);
                    reader.Read();
                    length = reader.CopyString(chars);
                }
                else
                {
                    length = Encoding.UTF8.GetChars(bytes, chars);
                }

                tokens += PromptTokenizer.Count(encoding, chars.AsSpan(0, length));
            }

            return tokens;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private void Add(int start, int end, bool jsonString)
    {
        if (end - start <= (jsonString ? 2 : 0))
        {
            return; // an empty string
        }

        segments.Add((start, end, jsonString));
        longest = Math.Max(longest, end - start); // UTF-8 bytes: never fewer than the UTF-16 characters they decode to
    }
}
