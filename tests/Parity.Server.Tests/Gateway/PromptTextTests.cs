using System.Text;
using Parity.Gateway;
using Parity.Server.Gateway;

namespace Parity.Server.Tests.Gateway;

/// <summary>What of a request is counted as prompt tokens, and with which overhead.</summary>
public sealed class PromptTextTests
{
    private static long Tokens(string text) => PromptTokenizer.Count(TokenEncoding.O200k, text);

    private static long Count(string body, TokenEncoding encoding = TokenEncoding.O200k)
    {
        using var request = ChatRequest.Parse(Encoding.UTF8.GetBytes(body));
        return request.PromptTokens(encoding);
    }

    [Fact]
    public void Messages_are_their_roles_and_contents_plus_the_chat_format_overhead()
    {
        const string system = "You are a careful assistant. Answer in French.";
        const string user = "Wie viele Tokens hat dieser Satz? \"Quoted\" and escaped \\ text.";
        var body = $$"""{"model":"m","messages":[{"role":"system","content":{{System.Text.Json.JsonSerializer.Serialize(system)}}},{"role":"user","content":{{System.Text.Json.JsonSerializer.Serialize(user)}}}]}""";
        Count(body).ShouldBe(3 + (3 + Tokens("system") + Tokens(system)) + (3 + Tokens("user") + Tokens(user)));
        Count(body, TokenEncoding.Cl100k).ShouldBe(3 + 3 + 1 + PromptTokenizer.Count(TokenEncoding.Cl100k, system) + 3 + 1 + PromptTokenizer.Count(TokenEncoding.Cl100k, user));
    }

    [Fact]
    public void Names_tools_tool_calls_content_parts_and_images_count()
    {
        const string tools = """[{"type":"function","function":{"name":"get_weather","description":"Weather for a city","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]""";
        const string calls = """[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]""";
        var body = "{\"model\":\"m\",\"tools\":" + tools + ",\"messages\":[" +
            "{\"role\":\"user\",\"name\":\"ana\",\"content\":[{\"type\":\"text\",\"text\":\"What is in this picture?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.org/a.png\",\"detail\":\"low\"}},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.org/b.png\"}}]}," +
            "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":" + calls + "}]}";
        var expected = 3
            + 3 + Tokens("user") + Tokens("ana") + PromptText.TokensPerName + Tokens("What is in this picture?") + PromptText.LowDetailImage + PromptText.HighDetailImage
            + 3 + Tokens("assistant") + Tokens(calls)
            + Tokens(tools);
        Count(body).ShouldBe(expected);
        PromptText.HighDetailImage.ShouldBe(1445);
    }
}
