using Parity.Catalog.Pricing;

namespace Parity.Catalog;

/// <summary>One provider's prices for a model, from one source.</summary>
/// <param name="Provider">The seller: an organization's canonical name when the source's provider id is one (e.g. "DeepSeek"), else the id (e.g. "openrouter").</param>
/// <param name="ProviderModelId">The model's name at that provider, as the source spells it.</param>
/// <param name="FirstParty">True when the provider is the model's own maker.</param>
/// <param name="Schedule">The price rules.</param>
/// <param name="ContextWindow">The context window the source gives for this offer, if any.</param>
/// <param name="Source">The feed and its date.</param>
/// <param name="PricesChecked">When the feed's maintainers last checked the prices against the provider (genai-prices only), if known.</param>
public sealed record PriceOffer(string Provider, string ProviderModelId, bool FirstParty, PriceSchedule Schedule, long? ContextWindow, FactSource Source, DateOnly? PricesChecked = null);
