using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Parity.Costs;

/// <summary>Reads the cost model's small shipped CSVs by column name, with file:line errors.</summary>
internal static class CostCsv
{
    public static List<T> Read<T>(string path, Func<Row, T> map)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        csv.Read();
        csv.ReadHeader();
        var rows = new List<T>();
        while (csv.Read())
        {
            rows.Add(map(new Row(csv, path)));
        }

        return rows;
    }

    /// <summary>One record, read by column name.</summary>
    internal sealed class Row(CsvReader csv, string path)
    {
        public int Line => csv.Parser.RawRow;

        public string Text(string column) =>
            NullableText(column) ?? throw Error(column, "is empty");

        public string? NullableText(string column)
        {
            var value = csv.GetField(column);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        public double Number(string column) =>
            NullableNumber(column) ?? throw Error(column, "is empty");

        public double? NullableNumber(string column)
        {
            var text = NullableText(column);
            if (text is null)
            {
                return null;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
                ? value
                : throw Error(column, $"'{text}' is not a non-negative number");
        }

        public decimal? NullableMoney(string column)
        {
            var text = NullableText(column);
            if (text is null)
            {
                return null;
            }

            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
                ? value
                : throw Error(column, $"'{text}' is not a non-negative amount");
        }

        public ParityException Error(string column, string problem) =>
            new($"{Path.GetFileName(path)}:{Line}: {column} {problem}");
    }
}
