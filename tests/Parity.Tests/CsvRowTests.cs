namespace Parity.Tests;

public sealed class CsvRowTests
{
    [Fact]
    public void Rows_keep_their_line_numbers_across_blank_lines_and_read_quoted_fields()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "id,name\n\na,\"x, \"\"y\"\"\"\nb\n");
        var rows = CsvRow.Read(path).ToList();
        File.Delete(path);

        rows.Select(r => r.LineNumber).ShouldBe([3, 4]);
        rows[0].Field("name").ShouldBe("x, \"y\"");
        rows[1].Field("id").ShouldBe("b");
        rows[1].Field("name").ShouldBe("");
    }

    [Fact]
    public void A_column_the_header_lacks_is_an_error_naming_the_file()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "id\na\n");
        var ex = Should.Throw<ParityException>(() => CsvRow.Read(path).First().Field("licence"));
        File.Delete(path);

        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("'licence'");
    }
}
