using System.Text;
using Parity.Server.Gateway;

namespace Parity.Server.Tests.Gateway;

public sealed class ChatRequestRouterPromptTests
{
    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"first"},{"role":"assistant","content":"ok"},{"content":"last \u00e9\n","role":"user"}]}""", "last é\n")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"part one"},{"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":"part two"}]}]}""", "part one\npart two")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"the question"},{"role":"assistant","content":"an answer"},{"role":"tool","content":"tool output"}]}""", "the question")]
    [InlineData("""{"model":"m","messages":[{"role":"system","content":"only a system prompt"}]}""", "only a system prompt")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":null}]}""", "")]
    [InlineData("""{"model":"m","messages":[]}""", "")]
    public void The_router_prompt_is_the_last_user_message_text(string body, string expected)
    {
        using var request = ChatRequest.Parse(Encoding.UTF8.GetBytes(body));
        request.RouterPrompt().ShouldBe(expected);
    }
}
