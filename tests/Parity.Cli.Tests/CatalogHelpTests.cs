namespace Parity.Cli.Tests;

public sealed class CatalogHelpTests
{
    [Theory]
    [InlineData(new[] { "models", "--help" }, new[] { "--origin", "--open", "--closed", "--vendor", "--search", "--sort", "--format" })]
    [InlineData(new[] { "models", "show", "--help" }, new[] { "<model>", "--format" })]
    [InlineData(new[] { "prices", "--help" }, new[] { "--at", "--input-tokens", "--output-tokens", "--cached-tokens", "--provider" })]
    [InlineData(new[] { "catalog", "import", "--help" }, new[] { "<file>", "--format", "genai-prices|litellm|openrouter|epoch" })]
    [InlineData(new[] { "catalog", "sources", "--help" }, new[] { "--unmatched", "--format" })]
    public async Task Every_catalog_command_documents_its_options(string[] args, string[] expected)
    {
        var (exit, output, _) = await CliRunner.RunAsync(args);
        exit.ShouldBe(0);
        foreach (var text in expected)
        {
            output.ShouldContain(text);
        }
    }
}
