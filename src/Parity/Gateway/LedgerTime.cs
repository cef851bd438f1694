using System.Globalization;

namespace Parity.Gateway;

/// <summary>
/// Times in the gateway's tables are fixed-width UTC ISO 8601 text, so that they sort and compare
/// as text the same way in SQLite and PostgreSQL.
/// </summary>
public static class LedgerTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The length of the text, in characters or UTF-8 bytes.</summary>
    public const int Length = 28;

    public static string ToText(DateTimeOffset at) => at.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Writes the same text as <see cref="ToText"/> as UTF-8 (the round-trip form of a UTC time is exactly it); returns the bytes written.</summary>
    public static int Write(DateTimeOffset at, Span<byte> destination) =>
        System.Buffers.Text.Utf8Formatter.TryFormat(at.UtcDateTime, destination, out var written, new System.Buffers.StandardFormat('O')) && written == Length
            ? written
            : throw new ArgumentException($"Need {Length} bytes for a ledger time.", nameof(destination));

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
