using Parity.Catalog.Pricing;

namespace Parity.Tests.Catalog;

public sealed class PriceHistoryTests
{
    private static readonly PriceHistory Shipped = PriceHistory.LoadShipped();

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void DeepSeeks_output_price_follows_its_published_change_dates_to_the_hour()
    {
        Shipped.InForce("deepseek-v3", At("2025-02-08T15:59Z")).Single().Output.ShouldBe(0.28m);
        Shipped.InForce("deepseek-v3", At("2025-02-08T16:00Z")).Single().Output.ShouldBe(1.10m);
        Shipped.InForce("deepseek-v3", At("2025-09-05T16:00Z")).Single().Output.ShouldBe(1.68m);
        Shipped.InForce("deepseek-v3", At("2025-11-01T12:00Z")).Single().Output.ShouldBe(0.42m);
        Shipped.InForce("deepseek-v3", At("2024-12-01T00:00Z")).ShouldBeEmpty();
        Shipped.Changes("deepseek-v3").ShouldContain(At("2025-09-05T16:00Z"));
        Shipped.InForce("deepseek-v3", At("2025-03-01T12:00Z")).Single().Source.ShouldContain("DeepSeek API docs");
    }

    [Fact]
    public void A_request_in_the_off_peak_window_pays_the_discount_and_the_engine_prices_it_exactly()
    {
        var usage = new TokenUsage(1_000_000, 1_000_000, 0);
        Shipped.Price("deepseek-v3", usage, At("2025-06-01T20:00Z"))!.TotalUsd.ShouldBe(0.685m);
        Shipped.Price("deepseek-v3", usage, At("2025-06-01T10:00Z"))!.TotalUsd.ShouldBe(1.37m);
        Shipped.Price("deepseek-v3", usage, At("2025-10-01T20:00Z"))!.TotalUsd.ShouldBe(0.70m);
        Shipped.Price("deepseek-v3", usage, At("2024-01-01T00:00Z")).ShouldBeNull();
    }

    [Fact]
    public void Every_required_maker_has_dated_rows_and_feed_rows_say_they_are_not_effective_dates()
    {
        foreach (var model in new[] { "deepseek-v3", "deepseek-r1", "deepseek-v3.1", "deepseek-v3.2", "gpt-4o", "o1", "o3", "gpt-5", "gpt-5.1", "claude-3-5-sonnet", "claude-3-7-sonnet",
                     "claude-sonnet-4", "claude-sonnet-4-5", "claude-opus-4", "claude-opus-4-5", "qwen2.5-max", "qwen3-max", "qwen-plus", "kimi-k2", "glm-4.5", "glm-4.6" })
        {
            Shipped.Of(model).ShouldNotBeEmpty(model);
            Shipped.Of(model).ShouldAllBe(p => p.Source.Length > 0 && p.Url.StartsWith("http", StringComparison.Ordinal) && p.Published.Length > 0);
        }

        Shipped.Of("qwen3-max").Single().PeriodText.ShouldContain("not an effective date");
        Shipped.InForce("o3", At("2025-06-09T12:00Z")).Single().Output.ShouldBe(40m);
        Shipped.InForce("o3", At("2025-06-10T12:00Z")).Single().Output.ShouldBe(8m);
    }

    [Fact]
    public void A_row_with_a_bad_time_or_basis_is_an_error_naming_the_file_line_and_column()
    {
        var path = Path.Combine(Path.GetTempPath(), $"prices-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "provider,model,api_model,effective_from_utc,effective_to_utc,window_utc,input,cached_input,output,basis,source,url,published,note\n" +
            "X,m,m,2025-02-30T00:00Z,,,1,,2,published,s,https://x,2025,n\n");
        try
        {
            Should.Throw<ParityException>(() => PriceHistory.Load(path)).Message.ShouldBe($"{path}:2: column 'effective_from_utc' must be yyyy-mm-ddThh:mmZ, got '2025-02-30T00:00Z'.");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
