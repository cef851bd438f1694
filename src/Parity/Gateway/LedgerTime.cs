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

    /// <summary>Whether <paramref name="utf8"/> is text in exactly the form <see cref="ToText"/> writes (fixed width, UTC).</summary>
    public static bool IsText(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length != Length || utf8[4] != '-' || utf8[7] != '-' || utf8[10] != 'T' || utf8[13] != ':' || utf8[16] != ':' || utf8[19] != '.' || utf8[27] != 'Z')
        {
            return false;
        }

        foreach (var i in (ReadOnlySpan<int>)[0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22, 23, 24, 25, 26])
        {
            if (!char.IsAsciiDigit((char)utf8[i]))
            {
                return false;
            }
        }

        static int Two(ReadOnlySpan<byte> v, int at) => ((v[at] - '0') * 10) + v[at + 1] - '0';
        return Two(utf8, 5) is >= 1 and <= 12 && Two(utf8, 8) is >= 1 and <= 31 && Two(utf8, 11) < 24 && Two(utf8, 14) < 60 && Two(utf8, 17) < 60;
    }
}
