namespace Parity.Tests;

public sealed class CsvRowsTests
{
    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_lines_are_counted()
    {
        var text = "a,b,c\r\n1,\"x, \"\"y\"\"\",3\n2,\"multi\nline\",\n\n3,,\"\"\n";
        var rows = CsvRows.Read(new StringReader(text), "t.csv").ToList();
        rows.Select(r => r.Line).ShouldBe([1, 2, 3, 6]);
        rows[1].Fields.ShouldBe(["1", "x, \"y\"", "3"]);
        rows[2].Fields.ShouldBe(["2", "multi\nline", ""]);
        rows[3].Fields.ShouldBe(["3", "", ""]);
    }

    [Fact]
    public void The_last_record_needs_no_line_break() =>
        CsvRows.Read(new StringReader("a,b\n1,2"), "t.csv").Last().Fields.ShouldBe(["1", "2"]);

    /// <summary>Broken quoting, per reader entry: the CSV text and what the one-line error says after "t.csv:".</summary>
    public static TheoryData<string, string, string> BrokenQuoting() => new()
    {
        { "a quote never closed", "model,org\na,b\n\"c,d\ne,f\n", "3: field 'model' opens a quote that is never closed" },
        { "a quote never closed in the last field", "model,org\na,\"b\n", "2: field 'org' opens a quote that is never closed" },
        { "text after a closing quote", "model,org\n\"a\"b,c\n", "2: field 'model' has text after its closing quote" },
        { "an open quote swallowing rows until a quoted field", "model,org\na,\"b\nc,\"d\"\n", "3: field 'org' has text after its closing quote" },
        { "more fields than the header", "model,org\na,b,c\n", "2: the record has 3 fields, the header 2" },
        { "a quote in the header never closed", "\"model,org\na,b\n", "1: field #1 opens a quote that is never closed" },
    };

    [Theory]
    [MemberData(nameof(BrokenQuoting))]
    public void Broken_quoting_is_an_error_naming_file_line_and_column(string @case, string text, string expected) =>
        Should.Throw<ParityException>(() => CsvRows.Read(new StringReader(text), "t.csv").ToList(), @case).Message.ShouldStartWith("t.csv:" + expected, customMessage: @case);

    [Fact]
    public void A_stray_quote_inside_an_unquoted_field_stays_text() =>
        CsvRows.Read(new StringReader("name,height\nx,5'11\"\n"), "t.csv").Last().Fields.ShouldBe(["x", "5'11\""]);

    [Fact]
    public void The_headed_reader_and_the_one_line_reader_refuse_the_same_quoting()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "id,name\na,\"open\n");
        Should.Throw<ParityException>(() => CsvRow.Read(path).ToList()).Message.ShouldBe($"{path}:2: field 'name' opens a quote that is never closed (the file ends inside it).");
        File.Delete(path);
        Should.Throw<ParityException>(() => CsvRows.ReadLine("a,\"open", "votes.csv", 7, ["id", "name"])).Message.ShouldStartWith("votes.csv:7: field 'name' opens a quote");
    }
}
