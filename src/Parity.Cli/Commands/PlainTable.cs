using System.Text;

namespace Parity.Cli.Commands;

/// <summary>
/// A text table in the look of Spectre's simple border (header, a rule, rows; no wrapping), written
/// straight to the output. Used for <c>parity models</c>, which runs often: Spectre's table layout costs
/// about 65 ms of start-up CPU per process (measured with <c>/usr/bin/time</c> against <c>--format csv</c>),
/// a third of the command.
/// </summary>
internal sealed class PlainTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly HashSet<int> _right = [];

    public PlainTable RightAlign(params int[] columns)
    {
        _right.UnionWith(columns);
        return this;
    }

    public void AddRow(params string[] cells) => _rows.Add(cells);

    public void Write(TextWriter writer)
    {
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in _rows)
        {
            for (var i = 0; i < widths.Length && i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var line = new StringBuilder();
        void Append(string[] cells)
        {
            line.Clear().Append(' ');
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = i < cells.Length ? cells[i] : "";
                line.Append(' ').Append(_right.Contains(i) ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i])).Append(' ');
            }

            writer.WriteLine(line.ToString().TrimEnd());
        }

        Append(headers);
        writer.WriteLine(new string('─', widths.Sum() + (2 * widths.Length) + 1));
        foreach (var row in _rows)
        {
            Append(row);
        }
    }
}
