namespace Parity;

/// <summary>One data row of a headed CSV file, with its line number for error messages.</summary>
internal sealed class CsvRow(string path, int lineNumber, string[] header, string[] fields)
{
    /// <summary>The row's 1-based line number in the file.</summary>
    public int LineNumber { get; } = lineNumber;

    /// <summary>The trimmed value of a column ("" when the row is short); a column the header lacks is an error naming the file.</summary>
    public string Field(string name)
    {
        var index = Array.IndexOf(header, name);
        if (index < 0)
        {
            throw new ParityException($"{path}: the header has no column '{name}'.");
        }

        return index < fields.Length ? fields[index].Trim() : "";
    }

    /// <summary>Reads the data rows of a CSV file whose first non-blank line is its header; blank lines are skipped.</summary>
    public static IEnumerable<CsvRow> Read(string path)
    {
        using var reader = new StreamReader(path);
        string[]? header = null;
        foreach (var (line, fields) in CsvRows.Read(reader, path))
        {
            if (header is null)
            {
                header = fields;
                continue;
            }

            yield return new CsvRow(path, line, header, fields);
        }
    }
}
