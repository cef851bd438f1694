using System.Text;

namespace Parity.Catalog;

/// <summary>
/// A small RFC 4180 reader: comma-separated, fields optionally in double quotes ("" for a quote),
/// line breaks allowed inside quotes. Lenient like the files it reads: a stray quote inside an
/// unquoted field is kept as text. Kept here instead of CsvHelper because <c>parity models</c>
/// reads the shipped CSVs on every run and this starts in a fraction of the time.
/// </summary>
internal static class CsvRows
{
    /// <summary>Every record with the line it starts on (1-based).</summary>
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var atFieldStart = true;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return (recordLine, fields.ToArray());
                    }

                    fields.Clear();
                    field.Clear();
                    atFieldStart = true;
                    any = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(ch);
                    atFieldStart = false;
                    any = true;
                    break;
            }
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields.ToArray());
        }
    }
}
