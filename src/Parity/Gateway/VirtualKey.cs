namespace Parity.Gateway;

/// <summary>A key the gateway issued. Only the SHA-256 of the secret is stored; <see cref="Prefix"/> helps people tell keys apart.</summary>
public sealed record VirtualKey
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The first characters of the secret, e.g. <c>pk-3fa9</c>.</summary>
    public required string Prefix { get; init; }

    /// <summary>USD per <see cref="Period"/>; null for no budget.</summary>
    public decimal? BudgetUsd { get; init; }

    public BudgetPeriod Period { get; init; } = BudgetPeriod.Month;

    /// <summary>Requests per minute; null for no limit.</summary>
    public int? Rpm { get; init; }

    /// <summary>Tokens (input + output) per minute; null for no limit.</summary>
    public int? Tpm { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }
}
