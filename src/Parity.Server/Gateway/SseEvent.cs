using System.Text;

namespace Parity.Server.Gateway;

/// <summary>One server-sent event: its <c>data</c> and any other fields (<c>event:</c>, <c>id:</c>) as they came.</summary>
internal sealed class SseEvent(string data, string? otherLines)
{
    public string Data { get; } = data;

    public string? OtherLines { get; } = otherLines;

    /// <summary>The event as bytes, with <paramref name="payload"/> as its data.</summary>
    public byte[] Render(string payload)
    {
        var text = OtherLines is null ? "data: " + payload + "\n\n" : OtherLines + "data: " + payload + "\n\n";
        return Encoding.UTF8.GetBytes(text);
    }
}
