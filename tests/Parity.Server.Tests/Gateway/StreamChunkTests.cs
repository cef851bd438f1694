using System.Buffers;
using System.Text;
using Parity.Server.Gateway;

namespace Parity.Server.Tests.Gateway;

public sealed class StreamChunkTests
{
    private static readonly byte[] Model = "\"cn-open\""u8.ToArray();

    private static string Rewrite(string json, bool keepUsage, out StreamChunk chunk, string? otherLines = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        StreamChunk.TryRead(bytes, out chunk).ShouldBeTrue();
        var payload = new ArrayBufferWriter<byte>();
        chunk.WritePayload(payload, Model, keepUsage);
        var output = new ArrayBufferWriter<byte>();
        SseFrame.Write(output, Encoding.UTF8.GetBytes(otherLines ?? ""), payload.WrittenSpan);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void The_model_is_replaced_and_every_other_byte_is_relayed_as_it_came_including_chinese_text()
    {
        var text = Rewrite("""{"id":"c1","model":"deepseek-chat","choices":[{"index":0,"delta":{"content":"你好，世界"},"finish_reason":null}],"usage":null}""", keepUsage: true, out var chunk);
        text.ShouldBe("data: {\"id\":\"c1\",\"model\":\"cn-open\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"你好，世界\"},\"finish_reason\":null}],\"usage\":null}\n\n");
        chunk.Characters.ShouldBe(5);
        chunk.Finished.ShouldBeFalse();
        chunk.Choices.ShouldBe(1);
        chunk.HasUsage.ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{"usage":null,"model":"m","choices":[]}""", """{"model":"cn-open","choices":[]}""")]
    [InlineData("""{"model":"m", "usage" : null , "choices":[]}""", """{"model":"cn-open" , "choices":[]}""")]
    [InlineData("""{"model":"m","choices":[],"usage":{"prompt_tokens":3}}""", """{"model":"cn-open","choices":[]}""")]
    [InlineData("""{"choices":[],"usage":{"prompt_tokens":3}}""", """{"choices":[],"model":"cn-open"}""")]
    [InlineData("""{"usage":{"prompt_tokens":3}}""", """{"model":"cn-open"}""")]
    [InlineData("""{}""", """{"model":"cn-open"}""")]
    public void Usage_the_client_did_not_ask_for_is_removed_with_its_comma_and_a_missing_model_is_added(string json, string expected)
    {
        Rewrite(json, keepUsage: false, out _).ShouldBe("data: " + expected + "\n\n");
    }

    [Fact]
    public void The_final_usage_chunk_is_read_with_cached_tokens_and_the_finish_reason_is_seen()
    {
        var text = Rewrite("""{"model":"m","choices":[{"index":0,"delta":{"reasoning_content":"ab","content":"cd"},"finish_reason":"stop"}],"usage":{"prompt_tokens":800,"completion_tokens":500,"prompt_tokens_details":{"cached_tokens":200}}}""", keepUsage: true, out var chunk, otherLines: "event: message\n");
        text.ShouldStartWith("event: message\ndata: {\"model\":\"cn-open\",");
        chunk.HasUsage.ShouldBeTrue();
        chunk.Usage.Input.ShouldBe(800);
        chunk.Usage.Output.ShouldBe(500);
        chunk.Usage.Cached.ShouldBe(200);
        chunk.Usage.FromUpstream.ShouldBeTrue();
        chunk.Characters.ShouldBe(4);
        chunk.Finished.ShouldBeTrue();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"model":"m" """)]
    [InlineData("""{"model":"m"} trailing""")]
    public void Anything_but_one_json_object_is_not_a_chunk(string payload) =>
        StreamChunk.TryRead(Encoding.UTF8.GetBytes(payload), out _).ShouldBeFalse();
}
