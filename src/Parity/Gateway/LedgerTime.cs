using System.Globalization;

namespace Parity.Gateway;

/// <summary>
/// Times in the gateway's tables are fixed-width UTC ISO 8601 text, so that they sort and compare
/// as text the same way in SQLite and PostgreSQL.
/// </summary>
public static class LedgerTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset at) => at.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
