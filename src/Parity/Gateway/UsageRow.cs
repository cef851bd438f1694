namespace Parity.Gateway;

/// <summary>One group's usage in a period.</summary>
public sealed record UsageRow(
    string Group,
    long Requests,
    long Errors,
    long InputTokens,
    long OutputTokens,
    long CachedTokens,
    decimal CostUsd,
    double TokenShare,
    double CostShare,
    double MeanLatencyMs);
