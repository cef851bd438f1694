using Parity.Catalog;
using Parity.Catalog.Pricing;
using Parity.Evals;

namespace Parity.Tests.Evals;

/// <summary>Eval calls are priced by the catalog's price engine at the time of the call; unknown stays unknown.</summary>
public sealed class CatalogCallPricerTests
{
    private static readonly ModelCatalog Catalog = ModelCatalog.LoadShipped();
    private static readonly DateTimeOffset At = new(2025, 6, 2, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("deepseek", "deepseek-chat")]
    [InlineData("openai", "gpt-4o-mini")]
    public void A_catalog_model_is_priced_as_the_price_engine_prices_it(string provider, string model)
    {
        var pricer = new CatalogCallPricer(Catalog);
        var usage = new global::Parity.Providers.TokenUsage(1_000_000, 200_000, 400_000);

        var cost = pricer.Price(provider, model, At, usage);

        var entry = Catalog.Find(model).ShouldNotBeNull();
        var offer = entry.Offers.FirstOrDefault(o => o.FirstParty) ?? entry.PrimaryOffer!;
        var expected = PriceEngine.Price(offer.Schedule, new global::Parity.Catalog.Pricing.TokenUsage(1_000_000, 200_000, 400_000), At, model, offer.Provider, offer.Source).TotalUsd;
        cost.ShouldBe(expected);
        cost!.Value.ShouldBeGreaterThan(0m);
    }

    [Theory]
    [InlineData("openai", "no-such-model-xyz")]
    [InlineData("vllm", "deepseek-chat")]
    [InlineData("replay", "gpt-4o-2024-05-13")]
    public void Unknown_or_self_hosted_prices_are_null_not_zero(string provider, string model) =>
        new CatalogCallPricer(Catalog).Price(provider, model, At, new global::Parity.Providers.TokenUsage(1000, 100)).ShouldBeNull();

    [Fact]
    public void A_call_without_reported_usage_has_no_price() =>
        new CatalogCallPricer(Catalog).Price("deepseek", "deepseek-chat", At, global::Parity.Providers.TokenUsage.Unknown).ShouldBeNull();
}
