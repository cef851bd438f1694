using Parity.Catalog;

namespace Parity.Tests.Catalog;

public sealed class OrganizationTableTests
{
    private static readonly OrganizationTable Table = OrganizationTable.LoadShipped();

    [Theory]
    [InlineData("DeepSeek", "DeepSeek", "CN")]
    [InlineData("DeepSeek AI", "DeepSeek", "CN")]
    [InlineData("deepseek-ai", "DeepSeek", "CN")]
    [InlineData("Zhipu", "Zhipu AI", "CN")]
    [InlineData("Z.ai", "Zhipu AI", "CN")]
    [InlineData("Qwen", "Alibaba", "CN")]
    [InlineData("NexusFlow", "NexusFlow", "US")]
    [InlineData("Nexusflow", "NexusFlow", "US")]
    [InlineData("Mistral AI", "Mistral", "FR")]
    [InlineData("Cohere", "Cohere", "CA")]
    [InlineData("Google DeepMind", "Google", "US")]
    public void Spellings_resolve_to_one_organization_with_its_country(string spelling, string name, string country)
    {
        var org = Table.Resolve(spelling).ShouldNotBeNull();
        org.Name.ShouldBe(name);
        org.Country.ShouldBe(country);
    }

    [Fact]
    public void An_unknown_spelling_resolves_to_nothing()
    {
        Table.Resolve("Acme Robotics").ShouldBeNull();
        Table.Resolve("").ShouldBeNull();
    }

    [Fact]
    public void A_bad_country_names_the_file_line_and_field()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "organization,country,aliases,notes\nOpenAI,US,,\nAcme,USA,,\n");
        var ex = Should.Throw<ParityException>(() => OrganizationTable.Load(path));
        ex.Message.ShouldContain($"{path}:3");
        ex.Message.ShouldContain("country");
        File.Delete(path);
    }
}
