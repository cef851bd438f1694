using System.Text;
using Parity.Server.Gateway;

namespace Parity.Server.Tests.Gateway;

public sealed class SseReaderTests
{
    /// <summary>A stream that hands out its bytes a few at a time, as a network does.</summary>
    private sealed class TrickleStream(byte[] bytes, int step) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, step), bytes.Length - position);
            Array.Copy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static async Task<List<(string Data, string Other)>> ReadAll(string text, int step)
    {
        using var reader = new SseReader(new TrickleStream(Encoding.UTF8.GetBytes(text), step));
        var events = new List<(string, string)>();
        while (await reader.ReadEventAsync(CancellationToken.None))
        {
            events.Add((Encoding.UTF8.GetString(reader.Data), Encoding.UTF8.GetString(reader.OtherLines)));
        }

        return events;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Events_are_read_whole_whatever_the_line_ends_and_however_the_bytes_arrive(int step)
    {
        var text = "\uFEFF: a comment\r\ndata: {\"a\":\"你好\"}\r\n\r\n" +
                   "event: message\nid: 7\ndata:first\ndata:  second\n\n" +
                   "data: cr\r\rretry: 5\n\n" + // an event without data is dropped, its fields with it
                   "data\n\n" +
                   "data: [DONE]"; // the stream ends without the blank line
        var events = await ReadAll(text, step);
        events.ShouldBe(
        [
            ("{\"a\":\"你好\"}", ""),
            ("first\n second", "event: message\nid: 7\n"),
            ("cr", ""),
            ("", ""),
            ("[DONE]", ""),
        ]);
    }

    [Fact]
    public async Task An_event_longer_than_the_buffer_is_read_whole_and_nothing_is_read_after_the_end()
    {
        var big = new string('x', 100_000);
        var events = await ReadAll($"data: {big}\n\ndata: next\n\n\n", step: 3000);
        events.Select(e => e.Data).ShouldBe([big, "next"]);
    }

    [Fact]
    public async Task Only_a_whole_event_already_received_is_taken_without_waiting()
    {
        var reader = new SseReader(new TrickleStream(Encoding.UTF8.GetBytes("data: 1\n\ndata: 2\n\ndata: 3\n"), step: 1000));
        (await reader.ReadEventAsync(CancellationToken.None)).ShouldBeTrue();
        Encoding.UTF8.GetString(reader.Data).ShouldBe("1");
        reader.TryReadBuffered().ShouldBeTrue();
        Encoding.UTF8.GetString(reader.Data).ShouldBe("2");
        reader.TryReadBuffered().ShouldBeFalse(); // "data: 3" has no blank line yet
        (await reader.ReadEventAsync(CancellationToken.None)).ShouldBeTrue(); // the stream ended: it counts
        Encoding.UTF8.GetString(reader.Data).ShouldBe("3");
        (await reader.ReadEventAsync(CancellationToken.None)).ShouldBeFalse();
        reader.Dispose();
    }

    [Fact]
    public void Multi_line_data_goes_out_as_one_data_line_per_line()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        SseFrame.Write(output, "id: 1\n"u8, "a\nb"u8);
        Encoding.UTF8.GetString(output.WrittenSpan).ShouldBe("id: 1\ndata: a\ndata: b\n\n");
    }
}
