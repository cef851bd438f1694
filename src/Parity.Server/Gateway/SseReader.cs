using System.Text;

namespace Parity.Server.Gateway;

/// <summary>Reads server-sent events from an upstream response, one event at a time.</summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader reader = new(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096);

    /// <summary>The next event with data, or null at the end of the stream. Comment lines are skipped.</summary>
    public async Task<SseEvent?> ReadEventAsync(CancellationToken cancellationToken)
    {
        StringBuilder? data = null;
        StringBuilder? other = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return data is null ? null : new SseEvent(data.ToString(), other?.ToString());
            }

            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new SseEvent(data.ToString(), other?.ToString());
                }

                other = null;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                var value = line.Length > 5 && line[5] == ' ' ? line[6..] : line[5..];
                if (data is null)
                {
                    data = new StringBuilder(value);
                }
                else
                {
                    data.Append('\n').Append(value);
                }
            }
            else
            {
                (other ??= new StringBuilder()).Append(line).Append('\n');
            }
        }
    }

    public void Dispose() => reader.Dispose();
}
