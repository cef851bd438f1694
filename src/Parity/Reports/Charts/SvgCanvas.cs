using System.Globalization;
using System.Net;
using System.Text;

namespace Parity.Reports.Charts;

/// <summary>Writes SVG elements into a string; every number is formatted invariantly with two decimals at most.</summary>
internal sealed class SvgCanvas
{
    private readonly StringBuilder _svg = new();

    public SvgCanvas(int width, int height, string title)
    {
        Width = width;
        Height = height;
        _svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Escape(title)}\" ")
            .Append("font-family=\"system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif\" font-size=\"12\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title>\n")
            .Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
    }

    public int Width { get; }

    public int Height { get; }

    public static string N(double x) => Math.Round(x, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null, string? cls = null) =>
        _svg.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"")
            .Append(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")
            .Append(cls is null ? "" : $" class=\"{cls}\"")
            .Append("/>\n");

    public void Rect(double x, double y, double w, double h, string fill, string? stroke = null, double opacity = 1, string? cls = null) =>
        _svg.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, w))}\" height=\"{N(Math.Max(0, h))}\" fill=\"{fill}\"")
            .Append(stroke is null ? "" : $" stroke=\"{stroke}\"")
            .Append(opacity < 1 ? $" fill-opacity=\"{N(opacity)}\"" : "")
            .Append(cls is null ? "" : $" class=\"{cls}\"")
            .Append("/>\n");

    public void Text(double x, double y, string text, string anchor = "start", double size = 12, string fill = "#222222", string weight = "normal", double rotate = 0, string? cls = null)
    {
        _svg.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"{N(size)}\" fill=\"{fill}\"")
            .Append(weight == "normal" ? "" : $" font-weight=\"{weight}\"")
            .Append(rotate == 0 ? "" : $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"")
            .Append(cls is null ? "" : $" class=\"{cls}\"")
            .Append('>').Append(Escape(text)).Append("</text>\n");
    }

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 2, string? dash = null, string? cls = null) =>
        _svg.Append($"<polyline fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\" stroke-linejoin=\"round\" points=\"")
            .Append(string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}")))
            .Append('"')
            .Append(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")
            .Append(cls is null ? "" : $" class=\"{cls}\"")
            .Append("/>\n");

    public void Polygon(IEnumerable<(double X, double Y)> points, string fill, double opacity, string? cls = null) =>
        _svg.Append($"<polygon fill=\"{fill}\" fill-opacity=\"{N(opacity)}\" stroke=\"none\" points=\"")
            .Append(string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}")))
            .Append('"')
            .Append(cls is null ? "" : $" class=\"{cls}\"")
            .Append("/>\n");

    public void Circle(double x, double y, double r, string fill, string? title = null, string stroke = "#ffffff", string? cls = null)
    {
        _svg.Append($"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1\"")
            .Append(cls is null ? "" : $" class=\"{cls}\"");
        if (title is null)
        {
            _svg.Append("/>\n");
        }
        else
        {
            _svg.Append("><title>").Append(Escape(title)).Append("</title></circle>\n");
        }
    }

    /// <summary>A small grey note at the bottom, wrapped onto as many lines as it needs (about 6 px per character).</summary>
    public void Note(double x, double bottomY, string text, double size = 10)
    {
        var perLine = (int)((Width - x - 8) / (size * 0.56));
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' '))
        {
            if (current.Length + word.Length + 1 > perLine && current.Length > 0)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = current.Length == 0 ? word : current + " " + word;
            }
        }

        lines.Add(current);
        for (var i = 0; i < lines.Count; i++)
        {
            Text(x, bottomY - (lines.Count - 1 - i) * (size + 3), lines[i], size: size, fill: "#666666");
        }
    }

    public override string ToString() => _svg.ToString() + "</svg>\n";
}
