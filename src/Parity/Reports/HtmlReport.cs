using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Parity.Reports;

/// <summary>
/// The report as one self-contained HTML file: the Markdown report's content with its charts inlined as
/// SVG, inline CSS, no scripts, fonts or links to fetch, so it opens offline.
/// </summary>
public static partial class HtmlReport
{
    public static string Render(string markdown, IReadOnlyDictionary<string, string> charts, string title)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.AppendLine($"<title>{WebUtility.HtmlEncode(title)}</title>");
        html.AppendLine("<style>");
        html.AppendLine(Css);
        html.AppendLine("</style></head><body><main>");
        var lines = markdown.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                i++;
                continue;
            }

            if (line.StartsWith('#'))
            {
                var level = line.TakeWhile(c => c == '#').Count();
                var heading = line[level..].Trim();
                var id = Slug().Replace(heading.ToLowerInvariant().TrimStart("0123456789. ".ToCharArray()), "-").Trim('-');
                html.AppendLine($"<h{level} id=\"{id}\">{Inline(heading)}</h{level}>");
                i++;
            }
            else if (ImageLine().Match(line) is { Success: true } image)
            {
                var file = image.Groups[2].Value;
                html.AppendLine("<figure class=\"chart\">");
                html.AppendLine(charts.TryGetValue(file, out var svg) ? svg : $"<p>(chart {WebUtility.HtmlEncode(file)} missing)</p>");
                html.AppendLine($"<figcaption>{WebUtility.HtmlEncode(image.Groups[1].Value)}</figcaption></figure>");
                i++;
            }
            else if (line.StartsWith('|'))
            {
                var rows = new List<string>();
                while (i < lines.Length && lines[i].StartsWith('|'))
                {
                    rows.Add(lines[i++]);
                }

                Table(html, rows);
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                html.AppendLine("<ul>");
                while (i < lines.Length && lines[i].StartsWith("- ", StringComparison.Ordinal))
                {
                    html.AppendLine($"<li>{Inline(lines[i++][2..])}</li>");
                }

                html.AppendLine("</ul>");
            }
            else if (line.StartsWith('>'))
            {
                html.AppendLine($"<blockquote>{Inline(line[1..].Trim())}</blockquote>");
                i++;
            }
            else
            {
                var paragraph = new List<string>();
                while (i < lines.Length && !string.IsNullOrWhiteSpace(lines[i]) && !"#|->".Contains(lines[i][0], StringComparison.Ordinal) && !lines[i].StartsWith("![", StringComparison.Ordinal))
                {
                    paragraph.Add(lines[i++]);
                }

                html.AppendLine($"<p>{Inline(string.Join(' ', paragraph))}</p>");
            }
        }

        html.AppendLine("</main></body></html>");
        return html.ToString();
    }

    private static void Table(StringBuilder html, List<string> rows)
    {
        static string[] Cells(string row) => SplitCells().Split(row.Trim().Trim('|')).Select(c => c.Trim().Replace("\\|", "|", StringComparison.Ordinal)).ToArray();
        var header = Cells(rows[0]);
        var align = rows.Count > 1 ? Cells(rows[1]).Select(c => c.EndsWith(':') ? " class=\"num\"" : "").ToArray() : [];
        html.AppendLine("<div class=\"table\"><table><thead><tr>");
        html.AppendLine(string.Concat(header.Select((c, k) => $"<th{(k < align.Length ? align[k] : "")}>{Inline(c)}</th>")));
        html.AppendLine("</tr></thead><tbody>");
        foreach (var row in rows.Skip(2))
        {
            html.Append("<tr>").Append(string.Concat(Cells(row).Select((c, k) => $"<td{(k < align.Length ? align[k] : "")}>{Inline(c)}</td>"))).AppendLine("</tr>");
        }

        html.AppendLine("</tbody></table></div>");
    }

    private static string Inline(string text)
    {
        var encoded = WebUtility.HtmlEncode(text);
        encoded = Code().Replace(encoded, "<code>$1</code>");
        encoded = Bold().Replace(encoded, "<strong>$1</strong>");
        encoded = encoded.Replace("<strong>confirmed</strong>", "<strong class=\"confirmed\">confirmed</strong>", StringComparison.Ordinal)
            .Replace("<strong>refuted</strong>", "<strong class=\"refuted\">refuted</strong>", StringComparison.Ordinal)
            .Replace("<strong>unconfirmed</strong>", "<strong class=\"unconfirmed\">unconfirmed</strong>", StringComparison.Ordinal);
        return encoded;
    }

    [GeneratedRegex(@"^!\[([^\]]*)\]\(([^)]+)\)\s*$")]
    private static partial Regex ImageLine();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex Slug();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex SplitCells();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex Bold();

    private const string Css = """
        body { margin: 0; background: #f4f5f7; color: #1d1f23; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
        main { max-width: 980px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }
        h1 { font-size: 26px; line-height: 1.25; margin: 8px 0 12px; }
        h2 { font-size: 21px; margin: 36px 0 10px; padding-top: 12px; border-top: 1px solid #e3e5e8; }
        h3 { font-size: 16px; margin: 24px 0 6px; }
        code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f1f2f4; padding: 1px 4px; border-radius: 3px; word-break: break-all; }
        .table { overflow-x: auto; margin: 10px 0 18px; }
        table { border-collapse: collapse; font-size: 13px; }
        th, td { padding: 4px 8px; border-bottom: 1px solid #e3e5e8; text-align: left; vertical-align: top; }
        th { background: #f6f7f9; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        figure.chart { margin: 16px 0 22px; }
        figure.chart svg { max-width: 100%; height: auto; border: 1px solid #e3e5e8; }
        figcaption { font-size: 13px; color: #555; margin-top: 4px; }
        blockquote { margin: 8px 0; padding: 6px 12px; border-left: 4px solid #c7ccd3; color: #333; background: #fafbfc; font-style: italic; }
        .confirmed { color: #1b7f3b; } .refuted { color: #b3261e; } .unconfirmed { color: #8a6d00; }
        """;
}
