using Parity.Gateway;

namespace Parity.Tests.Gateway;

public sealed class TokenCountCacheTests
{
    [Fact]
    public void A_repeated_text_gets_the_same_count_as_the_tokenizer_gives_it_uncached()
    {
        var texts = new[]
        {
            "You are a helpful assistant. Answer the user's question about model prices with sources and dates, and say when a figure is an estimate.",
            "大型语言模型的价格在过去两年里下降了很多，开源模型的能力也越来越接近闭源模型。请列出每个数字的来源和日期，并说明不确定性。",
            string.Concat(Enumerable.Repeat("{\"type\":\"function\",\"function\":{\"name\":\"get_price\",\"parameters\":{}}} ", 40)),
        };
        foreach (var encoding in new[] { TokenEncoding.O200k, TokenEncoding.Cl100k })
        {
            foreach (var text in texts)
            {
                var first = PromptTokenizer.Count(encoding, text);
                var again = PromptTokenizer.Count(encoding, text.AsSpan());
                PromptTokenizer.CacheEnabled = false;
                try
                {
                    var uncached = PromptTokenizer.Count(encoding, text);
                    first.ShouldBe(uncached);
                    again.ShouldBe(uncached);
                    uncached.ShouldBeGreaterThan(10);
                }
                finally
                {
                    PromptTokenizer.CacheEnabled = true;
                }
            }
        }

        // The two encodings keep their own counts: the Chinese text differs between them.
        PromptTokenizer.Count(TokenEncoding.O200k, texts[1]).ShouldBeLessThan(PromptTokenizer.Count(TokenEncoding.Cl100k, texts[1]));
    }

    [Fact]
    public void Looks_up_by_exact_text_and_starts_empty_again_at_its_bound()
    {
        var cache = new TokenCountCache();
        cache.Add("alpha beta gamma", 3, maxChars: 40);
        cache.TryGet("alpha beta gamma", out var count).ShouldBeTrue();
        count.ShouldBe(3);
        cache.TryGet("alpha beta gamm", out _).ShouldBeFalse();
        cache.TryGet("Alpha beta gamma", out _).ShouldBeFalse();

        cache.Add("alpha beta gamma", 3, maxChars: 40); // the same text twice is held once
        cache.Count.ShouldBe(1);
        cache.Chars.ShouldBe(16);

        cache.Add("delta epsilon zeta", 3, maxChars: 40); // 34 characters: fits
        cache.Count.ShouldBe(2);
        cache.Add("eta theta iota", 3, maxChars: 40); // would hold 48 > 40: starts again with this one
        cache.Count.ShouldBe(1);
        cache.Chars.ShouldBe(14);
        cache.TryGet("eta theta iota", out _).ShouldBeTrue();
        cache.TryGet("alpha beta gamma", out _).ShouldBeFalse();
    }

    [Fact]
    public void Holds_no_more_than_its_bound_under_concurrent_additions()
    {
        var cache = new TokenCountCache();
        Parallel.For(0, 20_000, i => cache.Add($"prompt number {i} with some padding text", i, maxChars: 50_000));
        cache.Chars.ShouldBeLessThanOrEqualTo(50_000 + (16 * 45)); // past it by at most the additions in flight
        cache.Count.ShouldBeGreaterThan(0);
        cache.Count.ShouldBeLessThanOrEqualTo((50_000 / 38) + 16);
    }
}
