using System.Globalization;

namespace Parity.Server.Dashboard;

/// <summary>Reads and checks one endpoint's query string: unknown or repeated parameters and bad values are <see cref="BadQueryException"/>s naming the parameter.</summary>
internal sealed class QueryReader
{
    private readonly IQueryCollection _query;

    public QueryReader(IQueryCollection query, params string[] known)
    {
        _query = query;
        foreach (var (name, values) in query)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw new BadQueryException(name, $"unknown parameter '{name}'" + (known.Length == 0 ? "; this address takes none." : $"; known: {string.Join(", ", known)}."));
            }

            if (values.Count > 1)
            {
                throw new BadQueryException(name, $"parameter '{name}' is given {values.Count} times; give it once.");
            }
        }
    }

    /// <summary>The parameter's text, trimmed; null when absent or empty.</summary>
    public string? Text(string name) =>
        _query.TryGetValue(name, out var values) && values.ToString().Trim() is { Length: > 0 } text ? text : null;

    /// <summary>One of <paramref name="choices"/> (case-insensitive, returned as listed), or <paramref name="fallback"/> when absent.</summary>
    public string Choice(string name, string fallback, IReadOnlyList<string> choices)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }

        return choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase))
            ?? throw new BadQueryException(name, $"parameter '{name}' is '{text}'; expected one of {string.Join(", ", choices)}.");
    }

    /// <summary>A date yyyy-mm-dd, or null when absent.</summary>
    public DateOnly? Date(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new BadQueryException(name, $"parameter '{name}' is '{text}'; expected a date yyyy-mm-dd.");
    }

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>], or null when absent.</summary>
    public double? Number(string name, double min = double.MinValue, double max = double.MaxValue)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new BadQueryException(name, $"parameter '{name}' is '{text}'; expected a number.");
        }

        return value >= min && value <= max
            ? value
            : throw new BadQueryException(name, $"parameter '{name}' is {text}; expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
    }

    /// <summary>A date-time (ISO 8601, UTC when no offset is given), or null when absent.</summary>
    public DateTimeOffset? Time(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new BadQueryException(name, $"parameter '{name}' is '{text}'; expected a date or time (ISO 8601, e.g. 2025-06-01 or 2025-06-01T12:00Z).");
    }

    /// <summary>true/false (also yes/no, 1/0), or null when absent.</summary>
    public bool? Flag(string name) => Text(name)?.ToLowerInvariant() switch
    {
        null => null,
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" => false,
        var other => throw new BadQueryException(name, $"parameter '{name}' is '{other}'; expected true or false."),
    };
}
