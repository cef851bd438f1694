using System.Text;

namespace Parity;

/// <summary>Splits one line of CSV (RFC 4180 quoting, no line breaks inside fields) into its fields.</summary>
internal static class CsvLine
{
    /// <summary>Splits <paramref name="line"/> into <paramref name="fields"/> (cleared first).</summary>
    /// <returns>False when a quoted field is not closed before the end of the line.</returns>
    public static bool TrySplit(string line, List<string> fields)
    {
        fields.Clear();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return !quoted;
    }

    /// <summary>The fields of one line, as <see cref="TrySplit"/> reads them, whether or not a quote was left open.</summary>
    public static string[] Split(string line)
    {
        var fields = new List<string>();
        TrySplit(line, fields);
        return [.. fields];
    }
}
