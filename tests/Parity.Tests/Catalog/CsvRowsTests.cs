using Parity.Catalog;

namespace Parity.Tests.Catalog;

public sealed class CsvRowsTests
{
    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_lines_are_counted()
    {
        var text = "a,b,c\r\n1,\"x, \"\"y\"\"\",3\n2,\"multi\nline\",\n\n3,,\"\"\n";
        var rows = CsvRows.Read(new StringReader(text)).ToList();
        rows.Select(r => r.Line).ShouldBe([1, 2, 3, 6]);
        rows[1].Fields.ShouldBe(["1", "x, \"y\"", "3"]);
        rows[2].Fields.ShouldBe(["2", "multi\nline", ""]);
        rows[3].Fields.ShouldBe(["3", "", ""]);
    }

    [Fact]
    public void The_last_record_needs_no_line_break() =>
        CsvRows.Read(new StringReader("a,b\n1,2")).Last().Fields.ShouldBe(["1", "2"]);
}
