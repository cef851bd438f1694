using System.Buffers;

namespace Parity.Server.Gateway;

/// <summary>
/// Reads server-sent events from an upstream response as UTF-8 bytes, one event at a time, without
/// decoding them to text: the relay rewrites and forwards the same bytes. After a read,
/// <see cref="Data"/> and <see cref="OtherLines"/> hold the event until the next read.
/// Lines end with LF, CRLF or CR; comment lines are skipped; a leading byte order mark is dropped.
/// </summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    /// <summary>The longest event the reader holds before it gives up on the stream.</summary>
    internal const int MaxEventBytes = 16 * 1024 * 1024;

    private readonly ArrayBufferWriter<byte> data = new(1024);
    private readonly ArrayBufferWriter<byte> other = new(256);
    private byte[] buffer = new byte[8192];
    private int start; // the first byte not yet read as part of an event
    private int end; // the end of the bytes received
    private bool ended; // the stream has no more bytes
    private bool begun; // the byte order mark check is done

    /// <summary>The event's data: its <c>data</c> lines' values joined by LF.</summary>
    public ReadOnlySpan<byte> Data => data.WrittenSpan;

    /// <summary>The event's other lines (<c>event:</c>, <c>id:</c>, …) as they came, each ending in LF; empty when none.</summary>
    public ReadOnlySpan<byte> OtherLines => other.WrittenSpan;

    /// <summary>
    /// Takes the next event if all of it has arrived already (no waiting): true with the event in
    /// <see cref="Data"/>, false when more bytes are needed first.
    /// </summary>
    public bool TryReadBuffered() => TryTake(atEnd: false);

    /// <summary>The next event with data: true, or false at the end of the stream.</summary>
    public async ValueTask<bool> ReadEventAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTake(atEnd: ended))
            {
                return true;
            }

            if (ended)
            {
                return false;
            }

            await FillAsync(cancellationToken);
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            if (buffer.Length >= MaxEventBytes)
            {
                throw new IOException($"The upstream sent a server-sent event longer than {MaxEventBytes / (1024 * 1024)} MB.");
            }

            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
        if (read == 0)
        {
            ended = true;
            return;
        }

        end += read;
        if (!begun && end >= 3)
        {
            begun = true;
            if (buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
            {
                start = 3;
            }
        }
    }

    /// <summary>
    /// Reads lines from <see cref="start"/> up to the blank line that ends an event with data. At the end
    /// of the stream (<paramref name="atEnd"/>) a last line without its end, and an event without its
    /// blank line, count as complete. Nothing is taken unless a whole event is.
    /// </summary>
    private bool TryTake(bool atEnd)
    {
        data.ResetWrittenCount();
        other.ResetWrittenCount();
        if (!begun && !atEnd)
        {
            return false; // fewer than 3 bytes so far: cannot tell a byte order mark yet
        }

        var hasData = false;
        var at = start;
        while (true)
        {
            var rest = buffer.AsSpan(at, end - at);
            var length = rest.IndexOfAny((byte)'\n', (byte)'\r');
            int next;
            if (length < 0 || (rest[length] == '\r' && length == rest.Length - 1 && !atEnd))
            {
                if (!atEnd)
                {
                    return false; // the line (or its CRLF) is not all here yet
                }

                if (rest.IsEmpty)
                {
                    start = end; // the stream ended: an event without its blank line still counts
                    return hasData;
                }

                length = rest.Length; // the stream's last line, without its end
                next = end;
            }
            else
            {
                next = at + length + (rest[length] == '\r' && length + 1 < rest.Length && rest[length + 1] == '\n' ? 2 : 1);
            }

            var line = rest[..length];
            at = next;
            if (line.IsEmpty)
            {
                if (hasData)
                {
                    start = at;
                    return true;
                }

                other.ResetWrittenCount(); // an event without data is dropped
                continue;
            }

            if (line[0] == ':')
            {
                continue; // a comment
            }

            if (line.StartsWith("data"u8) && (line.Length == 4 || line[4] == ':'))
            {
                var value = line.Length == 4 ? default : line[5..];
                if (!value.IsEmpty && value[0] == ' ')
                {
                    value = value[1..];
                }

                if (hasData)
                {
                    data.Write("\n"u8);
                }

                data.Write(value);
                hasData = true;
            }
            else
            {
                other.Write(line);
                other.Write("\n"u8);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
