using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Parity.Providers;

/// <summary>
/// A model behind an OpenAI-compatible <c>/chat/completions</c> endpoint, streaming (server-sent
/// events, with <c>stream_options.include_usage</c>) or not.
/// </summary>
internal sealed class OpenAiCompatibleModel : IChatModel
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly ProviderClient _client;

    public OpenAiCompatibleModel(ModelAddress address, ProviderClient client)
    {
        Address = address;
        _client = client;
    }

    public ModelAddress Address { get; }

    public async Task<ChatResult> CompleteAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var body = WriteBody(request);
        var attempts = 0;
        try
        {
            return await _client.Retry.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    using var slot = await _client.AcquireAsync(token);
                    var result = await AttemptAsync(body, request.Stream, token);
                    return result with { Attempts = attempts };
                },
                cancellationToken);
        }
        catch (ProviderCallException ex)
        {
            // The last attempt's error, carrying how many calls were made in all, so a failure stores its retries too.
            ex.Attempts = attempts;
            throw;
        }
    }

    private async Task<ChatResult> AttemptAsync(byte[] body, bool stream, CancellationToken cancellationToken)
    {
        var limits = _client.Endpoint.Limits;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, _client.ChatCompletions);
            message.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } };
            if (_client.Endpoint.ApiKey is { } key)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            using var response = await _client.Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw await FailureAsync(response, timeout.Token);
            }

            var result = stream
                ? await ReadStreamAsync(response, timeout.Token)
                : ParseBody(await response.Content.ReadAsByteArrayAsync(timeout.Token));
            return result with { Latency = Stopwatch.GetElapsedTime(started) };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderCallException($"{Address}: no complete answer within {limits.Timeout.TotalSeconds:0.###} s", null, retriable: true, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderCallException($"{Address}: connection failed: {ex.Message}", null, retriable: true, inner: ex);
        }
        catch (IOException ex)
        {
            throw new ProviderCallException($"{Address}: connection dropped: {ex.Message}", null, retriable: true, inner: ex);
        }
    }

    private async Task<ProviderCallException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string detail;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            detail = ErrorMessageOf(text);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            detail = "(body unreadable)";
        }

        var retriable = status is 408 or 409 or 429 || status >= 500;
        return new ProviderCallException($"{Address}: HTTP {status}: {detail}", status, retriable, RetryAfterOf(response));
    }

    private static string ErrorMessageOf(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                doc.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var msg) && msg.ValueKind == JsonValueKind.String)
                {
                    return Shorten(msg.GetString()!);
                }

                if (error.ValueKind == JsonValueKind.String)
                {
                    return Shorten(error.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
        }

        return Shorten(text);
    }

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 300 ? text : text[..300] + "…";
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private byte[] WriteBody(ChatRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", Address.Model);
            json.WriteStartArray("messages");
            foreach (var m in request.Messages)
            {
                json.WriteStartObject();
                json.WriteString("role", m.Role);
                json.WriteString("content", m.Content);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (request.Temperature is { } t)
            {
                json.WriteNumber("temperature", t);
            }

            if (request.MaxTokens is { } max)
            {
                json.WriteNumber("max_tokens", max);
            }

            if (request.Stream)
            {
                json.WriteBoolean("stream", true);
                json.WriteStartObject("stream_options");
                json.WriteBoolean("include_usage", true);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private ChatResult ParseBody(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            {
                throw Malformed("the response has no choices", body);
            }

            var choice = choices[0];
            string? content = null;
            if (choice.TryGetProperty("message", out var message) && message.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String)
            {
                content = c.GetString();
            }

            return new ChatResult(
                content ?? string.Empty,
                UsageOf(root),
                StringOf(choice, "finish_reason"),
                TimeSpan.Zero,
                ResponseModel: StringOf(root, "model"));
        }
        catch (JsonException ex)
        {
            throw Malformed("the response is not valid JSON: " + ex.Message, body, ex);
        }
    }

    private async Task<ChatResult> ReadStreamAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var content = new StringBuilder();
        var usage = TokenUsage.Unknown;
        string? finish = null;
        string? model = null;
        var done = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue; // comments, event names, blank separators
            }

            var data = line.AsSpan(5).Trim();
            if (data.SequenceEqual("[DONE]"))
            {
                done = true;
                break;
            }

            try
            {
                using var doc = JsonDocument.Parse(data.ToString());
                var root = doc.RootElement;
                if (root.TryGetProperty("error", out _))
                {
                    throw new ProviderCallException($"{Address}: error in stream: {ErrorMessageOf(data.ToString())}", null, retriable: true);
                }

                model ??= StringOf(root, "model");
                if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
                {
                    var choice = choices[0];
                    if (choice.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object &&
                        delta.TryGetProperty("content", out var piece) && piece.ValueKind == JsonValueKind.String)
                    {
                        content.Append(piece.GetString());
                    }

                    finish = StringOf(choice, "finish_reason") ?? finish;
                }

                var chunkUsage = UsageOf(root);
                if (chunkUsage.IsKnown)
                {
                    usage = chunkUsage;
                }
            }
            catch (JsonException ex)
            {
                throw Malformed("a stream event is not valid JSON: " + ex.Message, Encoding.UTF8.GetBytes(data.ToString()), ex);
            }
        }

        if (!done && finish is null)
        {
            throw new ProviderCallException($"{Address}: the stream ended before the answer was complete (connection dropped)", null, retriable: true);
        }

        return new ChatResult(content.ToString(), usage, finish, TimeSpan.Zero, ResponseModel: model);
    }

    private ProviderCallException Malformed(string what, byte[] body, Exception? inner = null)
    {
        var snippet = Shorten(Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)));
        return new ProviderCallException($"{Address}: malformed response: {what} (body starts: {snippet})", 200, retriable: true, inner: inner);
    }

    /// <summary>Reads OpenAI's usage block, and DeepSeek's cache fields when they are what is there.</summary>
    internal static TokenUsage UsageOf(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return TokenUsage.Unknown;
        }

        var prompt = LongOf(usage, "prompt_tokens");
        var completion = LongOf(usage, "completion_tokens");
        long? cached = null;
        long? reasoning = null;
        if (usage.TryGetProperty("prompt_tokens_details", out var pd) && pd.ValueKind == JsonValueKind.Object)
        {
            cached = LongOf(pd, "cached_tokens");
        }

        cached ??= LongOf(usage, "prompt_cache_hit_tokens");
        if (usage.TryGetProperty("completion_tokens_details", out var cd) && cd.ValueKind == JsonValueKind.Object)
        {
            reasoning = LongOf(cd, "reasoning_tokens");
        }

        return new TokenUsage(prompt, completion, cached, reasoning);
    }

    private static long? LongOf(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static string? StringOf(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
