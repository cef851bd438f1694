namespace Parity.Claims;

/// <summary>
/// <c>no-data</c> (and the old <c>token-share</c> / <c>investment</c> form with <c>subject</c> and <c>would-decide</c>):
/// a reading about something Parity has no data on: always "no data", with what data would decide it.
/// </summary>
public sealed class NoDataClaim : ClaimTest
{
    /// <summary>What data would decide the claim.</summary>
    public required string WouldDecide { get; init; }

    /// <summary>What Parity lacks, in a few words.</summary>
    public required string Subject { get; init; }

    public override ReadingResult Check(ClaimData data) =>
        ReadingResult.NoData(this, $"Parity has no data on {Subject}; the shipped data cannot confirm or refute this.", WouldDecide);
}
