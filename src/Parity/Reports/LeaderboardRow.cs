namespace Parity.Reports;

/// <summary>One model on a leaderboard snapshot, joined to the catalog: what the dashboard's leaderboard shows per row.</summary>
/// <param name="Rank">Position by score (1 = best), ties broken by key.</param>
/// <param name="RankUpper">LMArena's "Rank (UB)": 1 + the models whose lower bound is above this model's upper bound (without intervals: 1 + the models rated higher).</param>
/// <param name="Key">The leaderboard's model key.</param>
/// <param name="Name">The name the leaderboard showed.</param>
/// <param name="CatalogId">The catalog model the key belongs to, or null when the catalog does not know it.</param>
/// <param name="Rating">The published score.</param>
/// <param name="Lower">Lower end of the published 95% interval.</param>
/// <param name="Upper">Upper end of the published 95% interval.</param>
/// <param name="Votes">Battles behind the score, when published.</param>
/// <param name="Organization">The vendor (catalog first, else the leaderboard's organization table).</param>
/// <param name="Country">The vendor's country (ISO alpha-2).</param>
/// <param name="OpenWeights">Whether the weights are published.</param>
/// <param name="Architecture"><c>moe</c>, <c>dense</c> or null when not published.</param>
/// <param name="TotalParamsB">Total parameters, billions.</param>
/// <param name="ActiveParamsB">Parameters active per token, billions.</param>
/// <param name="BlendedPrice">3 input : 1 output, USD per million tokens (the catalog's first-party list price).</param>
/// <param name="InputPrice">USD per million input tokens.</param>
/// <param name="OutputPrice">USD per million output tokens.</param>
/// <param name="PriceSource">Feed and provider the price comes from.</param>
/// <param name="PriceDate">The feed's date.</param>
public sealed record LeaderboardRow(
    int Rank,
    int RankUpper,
    string Key,
    string Name,
    string? CatalogId,
    double Rating,
    double? Lower,
    double? Upper,
    int? Votes,
    string? Organization,
    string? Country,
    bool? OpenWeights,
    string? Architecture,
    double? TotalParamsB,
    double? ActiveParamsB,
    double? BlendedPrice,
    double? InputPrice,
    double? OutputPrice,
    string? PriceSource,
    string? PriceDate);
