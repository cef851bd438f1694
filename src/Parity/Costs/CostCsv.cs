using System.Globalization;

namespace Parity.Costs;

/// <summary>Reads the cost model's small shipped CSVs through the project's CSV reader (<see cref="CsvRow"/>), by column name, with file:line errors.</summary>
internal static class CostCsv
{
    public static List<T> Read<T>(string path, Func<Row, T> map) =>
        CsvRow.Read(path).Select(row => map(new Row(row, path))).ToList();

    /// <summary>One record of the project's CSV reader, read by column name into the cost model's types.</summary>
    internal sealed class Row(CsvRow row, string path)
    {
        public int Line => row.LineNumber;

        public string Text(string column) =>
            NullableText(column) ?? throw Error(column, "is empty");

        public string? NullableText(string column)
        {
            var value = row.Field(column);
            return value.Length == 0 ? null : value;
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
