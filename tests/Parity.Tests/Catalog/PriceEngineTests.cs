using Parity.Catalog;
using Parity.Catalog.Pricing;

namespace Parity.Tests.Catalog;

public sealed class PriceEngineTests
{
    private static readonly FactSource Source = new("test", "2026-01-01");

    // DeepSeek's V3 layout in genai-prices: off-peak as the unconditional first rule, peak inside 00:30–16:30 UTC.
    private static readonly PriceSchedule DeepSeek = new(
    [
        new PriceRule(new PriceSet(TieredRate.Flat(0.135m), TieredRate.Flat(0.55m), TieredRate.Flat(0.035m))),
        new PriceRule(new PriceSet(TieredRate.Flat(0.27m), TieredRate.Flat(1.1m), TieredRate.Flat(0.07m)), WindowStart: new TimeOnly(0, 30), WindowEnd: new TimeOnly(16, 30)),
    ]);

    // Gemini 2.5 Pro's layout: every kind of token costs more once the input exceeds 200,000 tokens.
    private static readonly PriceSchedule Tiered = PriceSchedule.Flat(new PriceSet(
        new TieredRate(1.25m, [new RateTier(200_000, 2.5m)]),
        new TieredRate(10m, [new RateTier(200_000, 15m)]),
        new TieredRate(0.125m, [new RateTier(200_000, 0.25m)])));

    private static PriceQuote Price(PriceSchedule schedule, TokenUsage usage, string at) =>
        PriceEngine.Price(schedule, usage, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), "m", "p", Source);

    [Fact]
    public void A_flat_price_is_tokens_times_rate_exactly()
    {
        var schedule = PriceSchedule.Flat(new PriceSet(TieredRate.Flat(1.25m), TieredRate.Flat(10m)));
        var quote = Price(schedule, new TokenUsage(1_000_000, 1_000_000), "2026-01-01T00:00Z");
        quote.TotalUsd.ShouldBe(11.25m);
        quote.Lines.Select(l => l.Usd).ShouldBe([1.25m, 10m]);
    }

    [Fact]
    public void Small_requests_are_exact_to_the_last_digit()
    {
        var schedule = PriceSchedule.Flat(new PriceSet(TieredRate.Flat(0.1m), TieredRate.Flat(0.2m)));
        var quote = Price(schedule, new TokenUsage(3, 7), "2026-01-01T00:00Z");
        quote.TotalUsd.ShouldBe(0.0000017m);
    }

    [Theory]
    [InlineData("2025-06-01T00:29:59.999Z", 0.135, 0.55)]
    [InlineData("2025-06-01T00:30:00Z", 0.27, 1.1)]
    [InlineData("2025-06-01T10:00:00Z", 0.27, 1.1)]
    [InlineData("2025-06-01T16:29:59.999Z", 0.27, 1.1)]
    [InlineData("2025-06-01T16:30:00Z", 0.135, 0.55)]
    [InlineData("2025-06-01T20:00:00Z", 0.135, 0.55)]
    [InlineData("2025-06-01T18:30:00+02:00", 0.135, 0.55)]
    [InlineData("2025-06-01T08:29:59+08:00", 0.135, 0.55)]
    [InlineData("2025-06-01T08:30:00+08:00", 0.27, 1.1)]
    public void A_time_window_starts_at_its_start_and_ends_just_before_its_end(string at, double input, double output)
    {
        var quote = Price(DeepSeek, new TokenUsage(1_000_000, 1_000_000), at);
        quote.Lines[0].UsdPerMtok.ShouldBe((decimal)input);
        quote.Lines[1].UsdPerMtok.ShouldBe((decimal)output);
    }

    [Theory]
    [InlineData("2025-06-01T21:59:59Z", 1)]
    [InlineData("2025-06-01T22:00:00Z", 2)]
    [InlineData("2025-06-01T23:59:59Z", 2)]
    [InlineData("2025-06-02T00:00:00Z", 2)]
    [InlineData("2025-06-02T01:59:59Z", 2)]
    [InlineData("2025-06-02T02:00:00Z", 1)]
    public void A_window_that_wraps_midnight_covers_both_sides(string at, decimal expected)
    {
        var schedule = new PriceSchedule(
        [
            new PriceRule(new PriceSet(TieredRate.Flat(1m), TieredRate.Flat(1m))),
            new PriceRule(new PriceSet(TieredRate.Flat(2m), TieredRate.Flat(2m)), WindowStart: new TimeOnly(22, 0), WindowEnd: new TimeOnly(2, 0)),
        ]);
        Price(schedule, new TokenUsage(1_000_000, 0), at).TotalUsd.ShouldBe(expected);
    }

    [Theory]
    [InlineData("2026-08-16T23:59:59.999Z", 0.14)]
    [InlineData("2026-08-17T00:00:00Z", 0.22)]
    [InlineData("2026-08-17T00:30:00Z", 0.44)]
    public void A_start_date_applies_from_midnight_utc_and_a_later_window_still_wins(string at, double input)
    {
        // genai-prices' DeepSeek V4 layout: old flat rate, new off-peak rate from 2026-08-17, peak window last.
        var schedule = new PriceSchedule(
        [
            new PriceRule(new PriceSet(TieredRate.Flat(0.14m), TieredRate.Flat(0.28m))),
            new PriceRule(new PriceSet(TieredRate.Flat(0.22m), TieredRate.Flat(0.66m)), StartDate: new DateOnly(2026, 8, 17)),
            new PriceRule(new PriceSet(TieredRate.Flat(0.44m), TieredRate.Flat(1.32m)), WindowStart: new TimeOnly(0, 30), WindowEnd: new TimeOnly(1, 0)),
        ]);
        Price(schedule, new TokenUsage(1_000_000, 0), at).Lines[0].UsdPerMtok.ShouldBe((decimal)input);
    }

    [Fact]
    public void At_exactly_the_tier_threshold_the_base_rate_applies()
    {
        var quote = Price(Tiered, new TokenUsage(200_000, 1_000), "2026-01-01T00:00Z");
        quote.Lines[0].UsdPerMtok.ShouldBe(1.25m);
        quote.Lines[0].Tier.ShouldBeNull();
        quote.Lines[1].UsdPerMtok.ShouldBe(10m);
        quote.TotalUsd.ShouldBe(0.25m + 0.01m);
    }

    [Fact]
    public void One_token_past_the_threshold_every_token_pays_the_tier_rate()
    {
        var quote = Price(Tiered, new TokenUsage(200_001, 1_000), "2026-01-01T00:00Z");
        quote.Lines[0].UsdPerMtok.ShouldBe(2.5m);
        quote.Lines[0].Tier.ShouldNotBeNull().AboveInputTokens.ShouldBe(200_000);
        quote.Lines[1].UsdPerMtok.ShouldBe(15m);
        quote.TotalUsd.ShouldBe(200_001 * 2.5m / 1_000_000 + 1_000 * 15m / 1_000_000);
    }

    [Fact]
    public void Cached_tokens_count_towards_the_tier_and_pay_the_cache_rate()
    {
        // 150,000 uncached + 60,000 cached = 210,000 input tokens: past the 200K tier.
        var quote = Price(Tiered, new TokenUsage(210_000, 0, CachedInputTokens: 60_000), "2026-01-01T00:00Z");
        var input = quote.Lines.Single(l => l.Component == "input");
        var cached = quote.Lines.Single(l => l.Component == "cached-input");
        input.Tokens.ShouldBe(150_000);
        input.UsdPerMtok.ShouldBe(2.5m);
        cached.Tokens.ShouldBe(60_000);
        cached.UsdPerMtok.ShouldBe(0.25m);
        quote.TotalUsd.ShouldBe(0.375m + 0.015m);
    }

    [Fact]
    public void Without_a_cache_price_cached_tokens_pay_the_input_rate()
    {
        var schedule = PriceSchedule.Flat(new PriceSet(TieredRate.Flat(2m), TieredRate.Flat(8m)));
        var quote = Price(schedule, new TokenUsage(1_000_000, 0, CachedInputTokens: 400_000), "2026-01-01T00:00Z");
        quote.TotalUsd.ShouldBe(2m);
    }

    [Fact]
    public void More_cached_than_input_tokens_is_an_error()
    {
        var ex = Should.Throw<ParityException>(() => Price(DeepSeek, new TokenUsage(10, 0, CachedInputTokens: 11), "2026-01-01T00:00Z"));
        ex.Message.ShouldContain("cannot exceed");
    }

    [Fact]
    public void Negative_token_counts_are_an_error() =>
        Should.Throw<ParityException>(() => Price(DeepSeek, new TokenUsage(-1, 0), "2026-01-01T00:00Z"));

    [Fact]
    public void A_missing_output_price_is_an_error_not_zero()
    {
        var schedule = PriceSchedule.Flat(new PriceSet(TieredRate.Flat(1m), null));
        var ex = Should.Throw<ParityException>(() => Price(schedule, new TokenUsage(10, 10), "2026-01-01T00:00Z"));
        ex.Message.ShouldContain("no output price");
    }

    [Fact]
    public void The_standard_rule_is_the_one_in_force_most_of_the_day()
    {
        var at = new DateTimeOffset(2025, 6, 1, 20, 0, 0, TimeSpan.Zero);
        DeepSeek.RuleAt(at).Prices.Input!.Base.ShouldBe(0.135m);
        DeepSeek.StandardRuleOn(at).Prices.Input!.Base.ShouldBe(0.27m);
    }

    [Fact]
    public void Pricing_a_catalog_model_uses_the_makers_offer_from_the_shipped_feed()
    {
        var catalog = ModelCatalog.LoadShipped();
        var quote = PriceEngine.Price(catalog.Get("gpt-5"), new TokenUsage(1_000_000, 1_000_000), DateTimeOffset.UtcNow);
        quote.Provider.ShouldBe("OpenAI");
        quote.TotalUsd.ShouldBe(11.25m);
        quote.Source.Name.ShouldContain("genai-prices");
    }

    [Fact]
    public void The_fallback_rule_is_described_by_what_overrides_it()
    {
        DeepSeek.Describe(DeepSeek.Rules[0]).ShouldBe("outside the daily windows");
        DeepSeek.Describe(DeepSeek.Rules[1]).ShouldBe("00:30–16:30 UTC daily");
        var history = new PriceSchedule(
        [
            new PriceRule(new PriceSet(TieredRate.Flat(10m), TieredRate.Flat(40m))),
            new PriceRule(new PriceSet(TieredRate.Flat(2m), TieredRate.Flat(8m)), StartDate: new DateOnly(2025, 6, 10)),
        ]);
        history.Describe(history.Rules[0]).ShouldBe("before 2025-06-10");
        history.Describe(history.Rules[1]).ShouldBe("from 2025-06-10");
        PriceSchedule.Flat(new PriceSet(TieredRate.Flat(1m), null)).Describe(new PriceRule(new PriceSet(TieredRate.Flat(1m), null))).ShouldBe("always");
    }
}
