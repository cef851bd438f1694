using System.Net;

namespace Parity.Server.Gateway;

/// <summary>An HTTP body written from pieces of memory in order (a request body with spliced-in values), without copying them together.</summary>
internal sealed class SplicedContent(ReadOnlyMemory<byte>[] parts) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            if (!part.IsEmpty)
            {
                await stream.WriteAsync(part, cancellationToken);
            }
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        foreach (var part in parts)
        {
            length += part.Length;
        }

        return true;
    }
}
