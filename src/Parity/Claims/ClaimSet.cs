namespace Parity.Claims;

/// <summary>A loaded claims file: its claims and the tracker headlines they belong to.</summary>
/// <param name="File">The file.</param>
/// <param name="Claims">The claims, in file order.</param>
/// <param name="Trackers">The tracker headlines (<c>trackers:</c>), in file order.</param>
public sealed record ClaimSet(string File, IReadOnlyList<Claim> Claims, IReadOnlyList<Tracker> Trackers);
