namespace Parity.Cli.Commands;

/// <summary>The best model of one group on one snapshot (<c>parity arena history</c> JSON/CSV row).</summary>
internal sealed record ArenaHistoryRow(
    DateOnly Date,
    string Board,
    string Group,
    string ModelKey,
    string Model,
    double Rating,
    double? Lower,
    double? Upper,
    int? Votes,
    string? Organization,
    string? Country,
    bool? OpenWeights,
    double BehindLeader,
    string Source,
    string Method);
