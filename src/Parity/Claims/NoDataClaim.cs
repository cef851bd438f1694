namespace Parity.Claims;

/// <summary>
/// A claim about something Parity has no data on (<c>token-share</c>, <c>investment</c>): always unconfirmed,
/// with what data would decide it.
/// </summary>
public sealed class NoDataClaim : Claim
{
    /// <summary>What data would decide the claim.</summary>
    public required string WouldDecide { get; init; }

    /// <summary>What Parity lacks, in a few words.</summary>
    public required string Subject { get; init; }

    public override ClaimResult Check(ClaimData data) =>
        new(Id, Type, Sentence, Said, ClaimVerdict.Unconfirmed, null, null,
            $"Parity has no data on {Subject}; the shipped data cannot confirm or refute this.", "no data", [], WouldDecide);
}
