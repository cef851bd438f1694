using Parity.Catalog;

namespace Parity.Tests.Catalog;

public sealed class ModelAliasTableTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parity-aliases-").FullName;

    [Fact]
    public void A_spelling_claimed_by_two_models_is_an_error_naming_the_line()
    {
        var path = Write("id,name,organization,open_weights,licence,source_url,aliases\na,A,OpenAI,no,,,shared-name\nb,B,OpenAI,no,,,Shared_Name\n");
        var ex = Should.Throw<ParityException>(() => ModelAliasTable.Load(path));
        ex.Message.ShouldContain($"{path}:3");
        ex.Message.ShouldContain("already belongs to 'a'");
    }

    [Fact]
    public void A_bad_open_weights_value_names_the_field()
    {
        var path = Write("id,name,organization,open_weights,licence,source_url,aliases\na,A,OpenAI,maybe,,,\n");
        Should.Throw<ParityException>(() => ModelAliasTable.Load(path)).Message.ShouldContain("'open_weights'");
    }

    [Theory]
    [InlineData("Claude Opus 4.5", "claude-opus-4-5")]
    [InlineData("  GPT_5 ", "gpt-5")]
    [InlineData("deepseek/deepseek-chat", "deepseek/deepseek-chat")]
    public void Keys_ignore_case_and_separators(string name, string key) => ModelKey.Normalize(name).ShouldBe(key);

    [Theory]
    [InlineData("claude-opus-4-20250514", "claude-opus-4")]
    [InlineData("gpt-5-2025-08-07", "gpt-5")]
    [InlineData("Gemini 2.5 Pro (Jun 2025)", "gemini-2-5-pro")]
    [InlineData("chatgpt-4o-latest", "chatgpt-4o")]
    public void Date_suffixes_are_stripped_only_on_request(string name, string key) => ModelKey.WithoutDate(name).ShouldBe(key);

    [Fact]
    public void A_name_without_a_date_has_no_undated_form() => ModelKey.WithoutDate("deepseek-v3").ShouldBeNull();

    private string Write(string content)
    {
        var path = Path.Combine(_dir, "models.csv");
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
