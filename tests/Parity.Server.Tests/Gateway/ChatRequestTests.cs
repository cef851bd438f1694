using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parity.Server.Gateway;

namespace Parity.Server.Tests.Gateway;

public sealed class ChatRequestTests
{
    private static JsonObject Upstream(string body, string model, bool forceUsage)
    {
        using var request = ChatRequest.Parse(Encoding.UTF8.GetBytes(body));
        var bytes = request.Splice(model, forceUsage).SelectMany(p => p.ToArray()).ToArray();
        return JsonNode.Parse(bytes)!.AsObject();
    }

    [Fact]
    public void The_scan_reads_what_routing_limits_and_the_ledger_need()
    {
        using var request = ChatRequest.Parse("""
            { "messages": [ {"role":"system","content":"Be br\u00efef"}, {"role":"user","content":[{"type":"text","text":"héllo"},{"type":"image_url","image_url":{"url":"x"}}]}, {"role":"assistant","content":null} ],
              "model" : "cheap", "temperature": 0.2, "stream": true, "stream_options": {"include_usage": true}, "max_tokens": 50, "max_completion_tokens": 70, "tools": [{"a": [1, {"b": "model"}]}] }
            """u8);
        (request.Model, request.HasMessages, request.MessageCount, request.Stream, request.ClientWantsUsage, request.MaxTokens)
            .ShouldBe(("cheap", true, 3, true, true, (long?)70));
        request.PromptCharacters.ShouldBe("Be brïef".Length + "héllo".Length);
    }

    [Theory]
    [InlineData("""{"model":"r","messages":[]}""", false, """{"model":"up/m\u00e9","messages":[]}""")]
    [InlineData("""{"model":"r","messages":[],"stream":true}""", true, """{"model":"up/m\u00e9","messages":[],"stream":true,"stream_options":{"include_usage":true}}""")]
    [InlineData("""{"model":"r","messages":[],"stream":true,"stream_options":{}}""", true, """{"model":"up/m\u00e9","messages":[],"stream":true,"stream_options":{"include_usage":true}}""")]
    [InlineData("""{"model":"r","messages":[],"stream":true,"stream_options":{"x":1}}""", true, """{"model":"up/m\u00e9","messages":[],"stream":true,"stream_options":{"include_usage":true,"x":1}}""")]
    [InlineData("""{"model":"r","messages":[],"stream":true,"stream_options":{"include_usage":false,"x":1}}""", true, """{"model":"up/m\u00e9","messages":[],"stream":true,"stream_options":{"include_usage":true,"x":1}}""")]
    [InlineData("""{"stream_options":null,"stream":true,"messages":[],"model":"r"}""", true, """{"stream_options":{"include_usage":true},"stream":true,"messages":[],"model":"up/m\u00e9"}""")]
    [InlineData(""" { "model" : "r" , "messages" : [ ] , "stream" : true }  """, true, """{"model":"up/m\u00e9","messages":[],"stream":true,"stream_options":{"include_usage":true}}""")]
    public void The_upstream_body_is_the_clients_with_the_model_and_usage_option_spliced_in(string body, bool stream, string expected)
    {
        var upstream = Upstream(body, "up/mé", forceUsage: stream);
        JsonNode.DeepEquals(upstream, JsonNode.Parse(expected)).ShouldBeTrue(upstream.ToJsonString());
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("{\"model\":\"a\",")]
    [InlineData("{\"model\":\"a\"} x")]
    [InlineData("{\"model\":\"a\",\"model\":\"b\"}")]
    [InlineData("")]
    public void Malformed_bodies_are_json_errors(string body) =>
        Should.Throw<JsonException>(() => ChatRequest.Parse(Encoding.UTF8.GetBytes(body)));
}
