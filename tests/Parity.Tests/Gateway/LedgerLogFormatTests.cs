using System.Buffers;
using System.Text.Json;
using Parity.Gateway;

namespace Parity.Tests.Gateway;

public sealed class LedgerLogFormatTests
{
    [Fact]
    public void A_line_is_one_json_object_with_every_value_exact_and_escaped_where_json_needs_it()
    {
        var entry = new LedgerEntry
        {
            RequestId = "req_1",
            At = new DateTimeOffset(2026, 11, 23, 10, 11, 12, TimeSpan.FromHours(8)).AddTicks(1234567),
            KeyId = "key_a",
            Route = "通义 \"fast\" \\ route",
            Model = "qwen-plus",
            Provider = "dashscope",
            Vendor = "阿里巴巴",
            Origin = "CN",
            OpenWeights = false,
            InputTokens = long.MaxValue,
            OutputTokens = 0,
            CachedTokens = 3,
            CostUsd = 0.1m + 0.2m + 0.0000000000000000001m,
            LatencyMs = 1e-7,
            Status = 502,
            Error = "line\nbreak\ttab\u0001bell\u001f",
            Streamed = true,
            Attempts = 2,
            UsageSource = "counted",
            Node = "host-1:42",
            RouteScore = 0.1 + 0.2,
            RouteThreshold = 0.5,
            RouteChoice = "gpt-5",
        };

        var line = new ArrayBufferWriter<byte>();
        LedgerLogFormat.Write(line, entry);
        var bytes = line.WrittenSpan.ToArray();
        bytes[^1].ShouldBe((byte)'\n');
        bytes[..^1].ShouldNotContain((byte)'\n'); // one line: the newline inside the error is escaped
        bytes.ShouldNotContain((byte)0);

        using var json = JsonDocument.Parse(bytes);
        var r = json.RootElement;
        r.GetProperty("request_id").GetString().ShouldBe("req_1");
        r.GetProperty("at").GetString().ShouldBe("2026-11-23T02:11:12.1234567Z");
        r.GetProperty("key_id").GetString().ShouldBe("key_a");
        r.GetProperty("route").GetString().ShouldBe("通义 \"fast\" \\ route");
        r.GetProperty("vendor").GetString().ShouldBe("阿里巴巴");
        r.GetProperty("open_weights").GetBoolean().ShouldBeFalse();
        r.GetProperty("input_tokens").GetInt64().ShouldBe(long.MaxValue);
        r.GetProperty("cost_usd").GetRawText().ShouldBe("0.3000000000000000001"); // the exact decimal, every digit
        r.GetProperty("cost_usd").GetDecimal().ShouldBe(0.3000000000000000001m);
        r.GetProperty("latency_ms").GetDouble().ShouldBe(1e-7);
        r.GetProperty("status").GetInt32().ShouldBe(502);
        r.GetProperty("error").GetString().ShouldBe("line\nbreak\ttab\u0001bell\u001f");
        r.GetProperty("streamed").GetBoolean().ShouldBeTrue();
        r.GetProperty("attempts").GetInt32().ShouldBe(2);
        r.GetProperty("usage_source").GetString().ShouldBe("counted");
        r.GetProperty("node").GetString().ShouldBe("host-1:42");
        r.GetProperty("route_score").GetDouble().ShouldBe(0.1 + 0.2); // round-trip form: 0.30000000000000004
        r.GetProperty("route_threshold").GetDouble().ShouldBe(0.5);
        r.GetProperty("route_choice").GetString().ShouldBe("gpt-5");
        r.EnumerateObject().Select(p => p.Name).ShouldBe(LedgerInserter.Columns); // every column, in order
    }

    [Fact]
    public void Unknown_values_are_left_out_and_a_latency_that_is_not_finite_is_refused()
    {
        var entry = new LedgerEntry { RequestId = "r", At = DateTimeOffset.UnixEpoch, Route = "x" };
        var line = new ArrayBufferWriter<byte>();
        LedgerLogFormat.Write(line, entry);
        using (var json = JsonDocument.Parse(line.WrittenMemory))
        {
            var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            names.ShouldNotContain("key_id");
            names.ShouldNotContain("model");
            names.ShouldNotContain("open_weights");
            names.ShouldNotContain("error");
            names.ShouldNotContain("route_score");
            names.ShouldNotContain("route_threshold");
            names.ShouldNotContain("route_choice");
            json.RootElement.GetProperty("usage_source").GetString().ShouldBe("none");
        }

        Should.Throw<ArgumentException>(() => LedgerLogFormat.Write(new ArrayBufferWriter<byte>(), entry with { LatencyMs = double.NaN }))
            .Message.ShouldContain("latency_ms");
    }
}
