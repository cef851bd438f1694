namespace Parity.Gateway;

/// <summary>A model the gateway serves: its provider, prices and facts about it.</summary>
public sealed class GatewayModel
{
    public required string Name { get; init; }

    public required GatewayProvider Provider { get; init; }

    /// <summary>The name sent upstream in the request's <c>model</c> field.</summary>
    public required string UpstreamModel { get; init; }

    public string? Vendor { get; init; }

    public string? Origin { get; init; }

    public bool? OpenWeights { get; init; }

    /// <summary>Null when no price is known: such a model is costed at zero and cannot be ranked by price.</summary>
    public ModelPrice? Price { get; init; }

    public IReadOnlyDictionary<string, double> Quality { get; init; } = new Dictionary<string, double>();

    /// <summary>The encoding its prompt tokens are counted with (see <see cref="PromptTokenizer.ForModel"/>).</summary>
    public TokenEncoding Tokenizer { get; init; } = TokenEncoding.O200k;

    /// <summary>Whether <see cref="Tokenizer"/> is the model family's own (false: an estimate with another family's).</summary>
    public bool TokenizerKnown { get; init; }

    /// <summary>The model's name in Parity's eval runs when the config gives one (else <c>provider:upstreamModel</c> is looked for).</summary>
    public string? EvalModel { get; init; }

    /// <summary>The catalog model whose price schedule costs requests (null when the config gives prices).</summary>
    public Catalog.CatalogModel? Catalog { get; init; }

    /// <summary>The Parity catalog id this model was matched to (also when the config overrides its prices), or null.</summary>
    public string? CatalogId { get; init; }

    /// <summary>
    /// The cost of a request at a moment: the catalog's price engine when the model's prices come from
    /// the catalog (long-context tiers, off-peak windows), else the config's flat prices; zero when no price is known.
    /// </summary>
    public decimal Cost(long input, long output, long cached, DateTimeOffset at)
    {
        if (Catalog is { } model && model.PrimaryOffer is not null)
        {
            try
            {
                return Parity.Catalog.Pricing.PriceEngine.Price(model, new Parity.Catalog.Pricing.TokenUsage(input, output, Math.Clamp(cached, 0, input)), at).TotalUsd;
            }
            catch (ParityException)
            {
                // A schedule without a rate for one kind of token: fall back to the list prices.
            }
        }

        return Price?.Cost(input, output, cached) ?? 0;
    }
}
