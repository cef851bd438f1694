using System.Xml.Linq;
using Parity.Reports;
using Parity.Reports.Charts;

namespace Parity.Tests.Reports;

public sealed class ChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Time_series_chart_is_valid_svg_with_axes_band_hole_and_legend()
    {
        var start = new DateOnly(2024, 1, 15);
        var points = Enumerable.Range(0, 12).Select(i => (start.AddMonths(i), 80.0 - 4 * i, (double?)(70.0 - 4 * i), (double?)(90.0 - 4 * i))).ToList();
        points.RemoveRange(4, 3);
        var svg = TimeSeriesChart.Render("Gap & more", "points", [new TimeSeries("best US − best Chinese model", OriginColors.China, points)],
            [(start.AddMonths(3), start.AddMonths(7))], "Source: test <file>");
        var doc = XDocument.Parse(svg);
        doc.Root!.Attribute("width")!.Value.ShouldBe("800");
        doc.Descendants(Svg + "title").First().Value.ShouldBe("Gap & more");
        doc.Descendants(Svg + "polyline").Count(e => (string?)e.Attribute("class") == "series").ShouldBe(2); // broken at the hole
        doc.Descendants(Svg + "polygon").Count(e => (string?)e.Attribute("class") == "band").ShouldBe(2);
        doc.Descendants(Svg + "rect").Count(e => (string?)e.Attribute("class") == "hole").ShouldBe(1);
        var texts = doc.Descendants(Svg + "text").Select(t => t.Value).ToList();
        texts.ShouldContain("best US − best Chinese model");
        texts.ShouldContain("95% band");
        texts.ShouldContain("2025");
        texts.ShouldContain("0");
        texts.ShouldContain(t => t.Contains("Source: test <file>"));
    }

    [Fact]
    public void Scatter_chart_uses_a_log_axis_and_draws_every_point_and_the_frontier()
    {
        var points = new List<ScatterPoint>
        {
            new(0.05, 1300, "China", "cheap", true),
            new(0.5, 1400, "China", "mid", true),
            new(5, 1450, "US", "dear", true),
            new(20, 1420, "US", "dominated", false),
            new(1, 1350, "other", "eu", false),
        };
        var svg = ScatterChart.Render("Score vs price", "price", "score", points, [(0.05, 1300), (0.5, 1400), (5, 1450)], logX: true, "src", xPrefix: "$");
        var doc = XDocument.Parse(svg);
        doc.Descendants(Svg + "circle").Count(c => (string?)c.Attribute("class") == "point").ShouldBe(5);
        doc.Descendants(Svg + "polyline").Count(p => (string?)p.Attribute("class") == "frontier").ShouldBe(1);
        var texts = doc.Descendants(Svg + "text").Select(t => t.Value).ToList();
        texts.ShouldContain("$0.01");
        texts.ShouldContain("$1");
        texts.ShouldContain("$100");
        texts.ShouldContain("US");
        texts.ShouldContain("China");
        texts.ShouldContain("dear");
        texts.ShouldNotContain("dominated");

        // Points land inside the plot: cheaper is further left.
        var xs = doc.Descendants(Svg + "circle").Where(c => (string?)c.Attribute("class") == "point")
            .ToDictionary(c => c.Element(Svg + "title")!.Value.Split(':')[0], c => double.Parse(c.Attribute("cx")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        xs["cheap"].ShouldBeLessThan(xs["mid"]);
        xs["mid"].ShouldBeLessThan(xs["dear"]);
        xs.Values.ShouldAllBe(x => x > 64 && x < 776);
    }

    [Fact]
    public void Html_report_inlines_charts_and_tables_and_escapes_text()
    {
        var markdown = "# Title <x>\n\nSome **bold** and `code`.\n\n![A chart](c.svg)\n\n| a | b |\n|---|---:|\n| 1 \\| 2 | 3 |\n\n- item\n";
        var html = HtmlReport.Render(markdown, new Dictionary<string, string> { ["c.svg"] = "<svg id=\"inline\"></svg>" }, "T");
        html.ShouldContain("<h1 id=\"title-x\">Title &lt;x&gt;</h1>");
        html.ShouldContain("<strong>bold</strong>");
        html.ShouldContain("<code>code</code>");
        html.ShouldContain("<svg id=\"inline\"></svg>");
        html.ShouldContain("<td>1 | 2</td><td class=\"num\">3</td>");
        html.ShouldContain("<li>item</li>");
        html.ShouldNotContain("<img");
        html.ShouldNotContain("<script");
    }
}
