namespace Parity.Claims;

/// <summary>Checks every claim of a file against the data; the first claim that names something the data lack stops the run with an error naming it.</summary>
public static class ClaimChecker
{
    public static IReadOnlyList<ClaimResult> CheckAll(IEnumerable<Claim> claims, ClaimData data) =>
        claims.Select(c => c.Check(data)).ToList();
}
