using Parity.Catalog.Pricing;

namespace Parity.Catalog.Feeds;

/// <summary>One record of a feed, in the catalog's own terms. Stored as JSON in the store so that imports can be replayed.</summary>
internal sealed record FeedRecord
{
    /// <summary>The record's name in the feed (model id, LiteLLM key, Epoch model name).</summary>
    public required string Key { get; init; }

    /// <summary>The provider id as the feed spells it, for price feeds.</summary>
    public string? Provider { get; init; }

    /// <summary>Other names the feed gives for the same model (genai-prices' <c>equals</c> match clauses, OpenRouter's Hugging Face id).</summary>
    public IReadOnlyList<string> OtherNames { get; init; } = [];

    public string? Name { get; init; }

    public string? Organization { get; init; }

    public bool? OpenWeights { get; init; }

    public string? Accessibility { get; init; }

    public DateOnly? Released { get; init; }

    public long? ContextWindow { get; init; }

    public PriceSchedule? Prices { get; init; }

    /// <summary>When the feed's maintainers last checked these prices against the provider's page (genai-prices' <c>prices_checked</c>).</summary>
    public DateOnly? PricesChecked { get; init; }

    public string? Url { get; init; }

    public decimal? Parameters { get; init; }

    public decimal? TrainingComputeFlop { get; init; }

    public decimal? DatasetTokens { get; init; }

    public string? TrainingHardware { get; init; }

    public decimal? HardwareQuantity { get; init; }

    public decimal? TrainingHours { get; init; }

    public string? TrainingTimeNotes { get; init; }

    public decimal? CostUsd2023 { get; init; }

    public string? CostNotes { get; init; }

    public string? Confidence { get; init; }
}
