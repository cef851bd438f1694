namespace Parity.Gateway;

/// <summary>One group's usage on one UTC day.</summary>
public sealed record UsageDay(string Day, string Group, long Requests, long InputTokens, long OutputTokens, double CostUsd);
