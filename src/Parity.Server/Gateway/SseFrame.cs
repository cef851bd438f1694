using System.Buffers;

namespace Parity.Server.Gateway;

/// <summary>Writes one server-sent event: its other lines as they came, then its data, a <c>data:</c> line per line of it.</summary>
internal static class SseFrame
{
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> otherLines, ReadOnlySpan<byte> data)
    {
        Copy(output, otherLines);
        while (true)
        {
            var line = data.IndexOf((byte)'\n');
            Copy(output, "data: "u8);
            if (line < 0)
            {
                Copy(output, data);
                break;
            }

            Copy(output, data[..line]);
            Copy(output, "\n"u8);
            data = data[(line + 1)..];
        }

        Copy(output, "\n\n"u8);
    }

    private static void Copy(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
