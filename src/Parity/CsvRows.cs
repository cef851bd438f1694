using System.Text;

namespace Parity;

/// <summary>
/// The one CSV reader of the project (RFC 4180): comma-separated, fields optionally in double quotes
/// ("" for a quote), line breaks allowed inside quotes. Lenient like the files it reads: a stray quote
/// inside an unquoted field is kept as text. Strict where a mistake would shift columns silently: a
/// quote left open to the end of the file, text after a closing quote, or a record with more fields
/// than the header are errors naming the file, the line and the column. Kept here instead of
/// CsvHelper because <c>parity models</c> reads the shipped CSVs on every run and this starts in a
/// fraction of the time.
/// </summary>
internal static class CsvRows
{
    /// <summary>Every record with the line it starts on (1-based); the first record is taken as the header, to name columns in errors and count fields.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="file">The file's name, for errors.</param>
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader, string file) => Read(reader, file, 1, null, "the file");

    /// <summary>The fields of one line read elsewhere (the battle reader's header and quoted lines), by the same rules; <paramref name="header"/> null when the line is the header.</summary>
    public static string[] ReadLine(string text, string file, long line, string[]? header)
    {
        foreach (var (_, fields) in Read(new StringReader(text), file, (int)line, header, "the line"))
        {
            return fields;
        }

        return [];
    }

    private static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader, string file, int firstLine, string[]? header, string whole)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = firstLine;
        var recordLine = firstLine;
        var quoteLine = 0;
        var quoted = false;
        var closed = false;
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
                        closed = true;
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

            if (closed && ch is not (',' or '\r' or '\n'))
            {
                throw Error(file, line, header, fields.Count, $"has text after its closing quote (a quote inside a quoted value is written \"\"; the value opened on line {quoteLine}).");
            }

            switch (ch)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    quoteLine = line;
                    atFieldStart = false;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    closed = false;
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return (recordLine, Record(file, recordLine, ref header, fields));
                    }

                    fields.Clear();
                    field.Clear();
                    atFieldStart = true;
                    closed = false;
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

        if (quoted)
        {
            throw Error(file, quoteLine, header, fields.Count, $"opens a quote that is never closed ({whole} ends inside it).");
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, Record(file, recordLine, ref header, fields));
        }
    }

    private static string[] Record(string file, int line, ref string[]? header, List<string> fields)
    {
        if (header is null)
        {
            header = [.. fields.Select(f => f.Trim().TrimStart('\uFEFF'))];
            return [.. fields];
        }

        if (fields.Count > header.Length)
        {
            throw new ParityException($"{file}:{line}: the record has {fields.Count} fields, the header {header.Length} (a comma outside quotes, or a quote left open on an earlier line?).");
        }

        return [.. fields];
    }

    private static ParityException Error(string file, int line, string[]? header, int column, string problem)
    {
        var name = header is not null && column < header.Length ? $"'{header[column]}'" : $"#{column + 1}";
        return new ParityException($"{file}:{line}: field {name} {problem}");
    }
}
