using System.Diagnostics;
using Parity.Providers;

namespace Parity.Tests.Providers;

/// <summary>The HTTP client against a real OpenAI-compatible server on loopback, including its failure modes.</summary>
public sealed class OpenAiCompatibleModelTests
{
    private const string Secret = "sk-test-secret-0123456789";

    private static ProviderRegistry Registry(TestUpstream upstream, int retries = 3, double timeoutSeconds = 5) =>
        new(environment: name => name switch
        {
            "OPENAI_API_KEY" => Secret,
            "OPENAI_BASE_URL" => upstream.BaseUrl.ToString(),
            _ => null,
        })
        {
            LimitsOverride = l => l with { BaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = retries, Timeout = TimeSpan.FromSeconds(timeoutSeconds) },
        };

    private static ChatRequest Ask(string prompt, bool stream = false) => new() { Messages = [ChatMessage.User(prompt)], Stream = stream, Temperature = 0 };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reads_the_answer_and_every_usage_field(bool stream)
    {
        await using var upstream = await TestUpstream.StartAsync(_ => new UpstreamReply.Answer("The answer is 42.", PromptTokens: 120, CompletionTokens: 45, CachedTokens: 100, ReasoningTokens: 30));
        using var registry = Registry(upstream);
        var model = registry.Create("openai:gpt-test");

        var result = await model.CompleteAsync(Ask("What is 6 × 7?", stream), CancellationToken.None);

        result.Content.ShouldBe("The answer is 42.");
        result.Usage.ShouldBe(new TokenUsage(120, 45, 100, 30));
        result.FinishReason.ShouldBe("stop");
        result.Attempts.ShouldBe(1);
        result.ResponseModel.ShouldBe("gpt-test");
        var request = upstream.Requests.Single();
        request.Stream.ShouldBe(stream);
        request.Model.ShouldBe("gpt-test");
        request.Authorization.ShouldBe("Bearer " + Secret);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_servers_Retry_After()
    {
        await using var upstream = await TestUpstream.StartAsync(r => r.AttemptForPrompt == 1
            ? new UpstreamReply.Status(429, RetryAfter: "1")
            : new UpstreamReply.Answer("ok"));
        using var registry = Registry(upstream);
        var clock = Stopwatch.StartNew();

        var result = await registry.Create("openai:m").CompleteAsync(Ask("q"), CancellationToken.None);

        result.Content.ShouldBe("ok");
        result.Attempts.ShouldBe(2);
        upstream.RequestCount.ShouldBe(2);
        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900)); // the backoff alone would be ~5 ms
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Server_errors_are_retried_until_an_answer_comes(bool stream)
    {
        await using var upstream = await TestUpstream.StartAsync(r => r.AttemptForPrompt <= 2 ? new UpstreamReply.Status(r.AttemptForPrompt == 1 ? 500 : 503) : new UpstreamReply.Answer("fine"));
        using var registry = Registry(upstream);

        var result = await registry.Create("openai:m").CompleteAsync(Ask("q", stream), CancellationToken.None);

        result.Content.ShouldBe("fine");
        result.Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task Persistent_server_errors_fail_after_the_retries_with_the_status_and_message()
    {
        await using var upstream = await TestUpstream.StartAsync(_ => new UpstreamReply.Status(500));
        using var registry = Registry(upstream, retries: 2);

        var ex = await Should.ThrowAsync<ProviderCallException>(() => registry.Create("openai:m").CompleteAsync(Ask("q"), CancellationToken.None));

        ex.StatusCode.ShouldBe(500);
        ex.Message.ShouldContain("upstream says no");
        ex.Message.ShouldNotContain(Secret);
        upstream.RequestCount.ShouldBe(3);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        await using var upstream = await TestUpstream.StartAsync(_ => new UpstreamReply.Status(400, Body: "{\"error\":{\"message\":\"bad model\"}}"));
        using var registry = Registry(upstream);

        var ex = await Should.ThrowAsync<ProviderCallException>(() => registry.Create("openai:m").CompleteAsync(Ask("q"), CancellationToken.None));

        ex.Retriable.ShouldBeFalse();
        ex.Message.ShouldContain("bad model");
        upstream.RequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_so_the_key_cannot_leave_its_provider()
    {
        await using var upstream = await TestUpstream.StartAsync(_ => new UpstreamReply.Status(307, Body: "moved"));
        using var registry = Registry(upstream);

        var ex = await Should.ThrowAsync<ProviderCallException>(() => registry.Create("openai:m").CompleteAsync(Ask("q"), CancellationToken.None));

        ex.StatusCode.ShouldBe(307);
        upstream.RequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_hung_attempt_times_out_and_is_retried()
    {
        await using var upstream = await TestUpstream.StartAsync(r => r.AttemptForPrompt == 1 ? new UpstreamReply.Hang(TimeSpan.FromSeconds(30)) : new UpstreamReply.Answer("after timeout"));
        // The timeout applies to every attempt, so it must leave the second (answering) attempt room
        // on a loaded 2-core CI machine: at 0.3 s a slow new connection was timed out too (3 attempts).
        using var registry = Registry(upstream, timeoutSeconds: 2);

        var result = await registry.Create("openai:m").CompleteAsync(Ask("q"), CancellationToken.None);

        result.Content.ShouldBe("after timeout");
        result.Attempts.ShouldBe(2);
        upstream.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task An_upstream_that_always_hangs_fails_with_a_timeout()
    {
        await using var upstream = await TestUpstream.StartAsync(_ => new UpstreamReply.Hang(TimeSpan.FromSeconds(30)));
        using var registry = Registry(upstream, retries: 1, timeoutSeconds: 0.2);

        var ex = await Should.ThrowAsync<ProviderCallException>(() => registry.Create("openai:m").CompleteAsync(Ask("q"), CancellationToken.None));

        ex.Message.ShouldContain("no complete answer within 0.2 s");
        upstream.RequestCount.ShouldBe(2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Malformed_JSON_is_retried_and_then_reported(bool stream)
    {
        await using var upstream = await TestUpstream.StartAsync(_ => new UpstreamReply.Malformed());
        using var registry = Registry(upstream, retries: 1);

        var ex = await Should.ThrowAsync<ProviderCallException>(() => registry.Create("openai:m").CompleteAsync(Ask("q", stream), CancellationToken.None));

        ex.Message.ShouldContain("malformed response");
        upstream.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task Malformed_JSON_once_then_a_good_answer_succeeds()
    {
        await using var upstream = await TestUpstream.StartAsync(r => r.AttemptForPrompt == 1 ? new UpstreamReply.Malformed() : new UpstreamReply.Answer("good"));
        using var registry = Registry(upstream);

        (await registry.Create("openai:m").CompleteAsync(Ask("q"), CancellationToken.None)).Content.ShouldBe("good");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_connection_dropped_mid_answer_is_retried(bool stream)
    {
        await using var upstream = await TestUpstream.StartAsync(r => r.AttemptForPrompt == 1 ? new UpstreamReply.DropMidStream() : new UpstreamReply.Answer("The answer is 42", CompletionTokens: 5));
        using var registry = Registry(upstream);

        var result = await registry.Create("openai:m").CompleteAsync(Ask("q", stream), CancellationToken.None);

        result.Content.ShouldBe("The answer is 42");
        result.Usage.CompletionTokens.ShouldBe(5);
        result.Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task A_stream_that_always_drops_fails_as_dropped()
    {
        await using var upstream = await TestUpstream.StartAsync(_ => new UpstreamReply.DropMidStream());
        using var registry = Registry(upstream, retries: 1);

        var ex = await Should.ThrowAsync<ProviderCallException>(() => registry.Create("openai:m").CompleteAsync(Ask("q", stream: true), CancellationToken.None));

        ex.Retriable.ShouldBeTrue();
        ex.Message.ShouldContain("m");
        upstream.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task The_rate_limit_spaces_request_starts()
    {
        await using var upstream = await TestUpstream.StartAsync(_ => new UpstreamReply.Answer("x"));
        var config = new ProviderConfigFile { Providers = { ["openai"] = new ProviderConfigEntry { RequestsPerMinute = 600 } } }; // one every 100 ms
        using var registry = new ProviderRegistry(config, name => name switch
        {
            "OPENAI_API_KEY" => Secret,
            "OPENAI_BASE_URL" => upstream.BaseUrl.ToString(),
            _ => null,
        });
        var model = registry.Create("openai:m");
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => model.CompleteAsync(Ask("q" + i), CancellationToken.None)));

        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(450)); // starts at 0, 100, …, 500 ms
    }

    [Fact]
    public async Task Per_provider_concurrency_is_bounded()
    {
        var inFlight = 0;
        var peak = 0;
        await using var upstream = await TestUpstream.StartAsync(_ =>
        {
            var now = Interlocked.Increment(ref inFlight);
            int seen;
            while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen)
            {
            }

            Thread.Sleep(30);
            Interlocked.Decrement(ref inFlight);
            return new UpstreamReply.Answer("x");
        });
        var config = new ProviderConfigFile { Providers = { ["openai"] = new ProviderConfigEntry { MaxConcurrency = 2 } } };
        using var registry = new ProviderRegistry(config, name => name switch
        {
            "OPENAI_API_KEY" => Secret,
            "OPENAI_BASE_URL" => upstream.BaseUrl.ToString(),
            _ => null,
        });
        var model = registry.Create("openai:m");

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => model.CompleteAsync(Ask("q" + i), CancellationToken.None)));

        peak.ShouldBeLessThanOrEqualTo(2);
        upstream.RequestCount.ShouldBe(10);
    }
}
