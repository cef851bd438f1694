namespace Parity.Arena;

/// <summary>One model on a published leaderboard snapshot, joined to its organization.</summary>
/// <param name="ModelKey">LMArena's model key (e.g. <c>gemini-2.5-pro</c>).</param>
/// <param name="DisplayName">The name the leaderboard showed.</param>
/// <param name="Rating">The published score.</param>
/// <param name="Lower">Lower end of the published 95% interval, when the source has one.</param>
/// <param name="Upper">Upper end of the published 95% interval.</param>
/// <param name="Votes">Battles behind the score, when the source has them.</param>
/// <param name="Organization">Canonical organization (<see cref="Catalog.OrganizationTable"/>), or the source's spelling when the table does not know it.</param>
/// <param name="Country">The organization's country (ISO alpha-2), null when unknown.</param>
/// <param name="OpenWeights">From the licence: false for proprietary, true for any published-weights licence, null when unknown.</param>
/// <param name="License">The licence as the source wrote it.</param>
public sealed record LeaderboardEntry(
    string ModelKey,
    string DisplayName,
    double Rating,
    double? Lower,
    double? Upper,
    int? Votes,
    string? Organization,
    string? Country,
    bool? OpenWeights,
    string? License);
