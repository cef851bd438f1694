using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Parity.Gateway;

/// <summary>
/// One ledger record as a line of the ledger log: a JSON object (the <c>gateway_ledger</c> column
/// names) and a newline. Money keeps its exact decimal value, doubles their shortest round-trip form.
/// <see cref="LedgerLineImporter"/> reads the lines back.
/// <para>
/// Written on every request's path, so it is written by hand into one span: property names are
/// literals, and a string is copied as it is unless it holds a character JSON must escape (then it
/// goes through the JSON encoder).
/// </para>
/// </summary>
internal static class LedgerLogFormat
{
    /// <summary>Characters a JSON string cannot hold as they are: quote, backslash and controls.</summary>
    private static readonly SearchValues<char> MustEscape = SearchValues.Create("\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    /// <summary>The longest a line can be apart from its strings (names, numbers, time, punctuation).</summary>
    private const int FixedBytes = 768;

    /// <summary>The most bytes one UTF-16 character of a string can take escaped (<c>\uXXXX</c>).</summary>
    private const int BytesPerChar = 6;

    private const int MaxKeptLineBuffer = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? lineBuffer;

    /// <summary>
    /// <paramref name="e"/> as one line (JSON and a newline) in this thread's buffer, valid until the
    /// thread's next call.
    /// </summary>
    public static ReadOnlySpan<byte> Line(LedgerEntry e)
    {
        var line = lineBuffer ??= new ArrayBufferWriter<byte>(1024);
        line.ResetWrittenCount();
        Write(line, e);
        if (line.Capacity > MaxKeptLineBuffer)
        {
            lineBuffer = null; // an unusually long record: its buffer is not kept for this thread's next one
        }

        return line.WrittenSpan;
    }

    /// <summary>Writes <paramref name="e"/> and a newline to <paramref name="line"/>.</summary>
    public static void Write(IBufferWriter<byte> line, LedgerEntry e)
    {
        var longest = FixedBytes + (BytesPerChar * (e.RequestId.Length + (e.KeyId?.Length ?? 0) + e.Route.Length + (e.Model?.Length ?? 0) +
            (e.Provider?.Length ?? 0) + (e.Vendor?.Length ?? 0) + (e.Origin?.Length ?? 0) + (e.Error?.Length ?? 0) + e.UsageSource.Length + e.Node.Length + (e.RouteChoice?.Length ?? 0)));
        var span = line.GetSpan(longest);
        var n = 0;
        Literal(span, ref n, "{\"request_id\":"u8);
        String(span, ref n, e.RequestId);
        Literal(span, ref n, ",\"at\":\""u8);
        n += LedgerTime.Write(e.At, span[n..]);
        Literal(span, ref n, "\""u8);
        Optional(span, ref n, ",\"key_id\":"u8, e.KeyId);
        Literal(span, ref n, ",\"route\":"u8);
        String(span, ref n, e.Route);
        Optional(span, ref n, ",\"model\":"u8, e.Model);
        Optional(span, ref n, ",\"provider\":"u8, e.Provider);
        Optional(span, ref n, ",\"vendor\":"u8, e.Vendor);
        Optional(span, ref n, ",\"origin\":"u8, e.Origin);
        if (e.OpenWeights is { } open)
        {
            Literal(span, ref n, open ? ",\"open_weights\":true"u8 : ",\"open_weights\":false"u8);
        }

        Number(span, ref n, ",\"input_tokens\":"u8, e.InputTokens);
        Number(span, ref n, ",\"output_tokens\":"u8, e.OutputTokens);
        Number(span, ref n, ",\"cached_tokens\":"u8, e.CachedTokens);
        Number(span, ref n, ",\"cost_usd\":"u8, e.CostUsd);
        Number(span, ref n, ",\"latency_ms\":"u8, e.LatencyMs);
        Number(span, ref n, ",\"status\":"u8, e.Status);
        Optional(span, ref n, ",\"error\":"u8, e.Error);
        Literal(span, ref n, e.Streamed ? ",\"streamed\":true"u8 : ",\"streamed\":false"u8);
        Number(span, ref n, ",\"attempts\":"u8, e.Attempts);
        Literal(span, ref n, ",\"usage_source\":"u8);
        String(span, ref n, e.UsageSource);
        Literal(span, ref n, ",\"node\":"u8);
        String(span, ref n, e.Node);
        if (e.RouteScore is { } score)
        {
            Number(span, ref n, ",\"route_score\":"u8, score);
        }

        if (e.RouteThreshold is { } threshold)
        {
            Number(span, ref n, ",\"route_threshold\":"u8, threshold);
        }

        Optional(span, ref n, ",\"route_choice\":"u8, e.RouteChoice);
        Number(span, ref n, ",\"estimated_input_tokens\":"u8, e.EstimatedInputTokens);
        Number(span, ref n, ",\"reserved_usd\":"u8, e.ReservedUsd);
        Literal(span, ref n, "}\n"u8);
        line.Advance(n);
    }

    private static void Literal(Span<byte> span, ref int n, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span[n..]);
        n += bytes.Length;
    }

    private static void Optional(Span<byte> span, ref int n, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            Literal(span, ref n, name);
            String(span, ref n, value);
        }
    }

    private static void String(Span<byte> span, ref int n, string value)
    {
        span[n++] = (byte)'"';
        if (value.AsSpan().ContainsAny(MustEscape))
        {
            // Rare (an error text or a route name with quotes): the JSON encoder escapes it. Other
            // characters, non-ASCII ones included, are valid in a JSON string as UTF-8.
            Literal(span, ref n, JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);
        }
        else
        {
            n += Encoding.UTF8.GetBytes(value, span[n..]);
        }

        span[n++] = (byte)'"';
    }

    private static void Number(Span<byte> span, ref int n, ReadOnlySpan<byte> name, long value)
    {
        Literal(span, ref n, name);
        value.TryFormat(span[n..], out var written, default, CultureInfo.InvariantCulture);
        n += written;
    }

    private static void Number(Span<byte> span, ref int n, ReadOnlySpan<byte> name, decimal value)
    {
        Literal(span, ref n, name);
        value.TryFormat(span[n..], out var written, default, CultureInfo.InvariantCulture);
        n += written;
    }

    private static void Number(Span<byte> span, ref int n, ReadOnlySpan<byte> name, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"A ledger record's {Encoding.UTF8.GetString(name)[2..^2]} must be a finite number, not {value}.", nameof(value));
        }

        Literal(span, ref n, name);
        value.TryFormat(span[n..], out var written, "R", CultureInfo.InvariantCulture);
        n += written;
    }
}
