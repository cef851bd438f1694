namespace Parity.Gateway;

/// <summary>
/// How much of a key's budget and per-minute limits one gateway node leases from PostgreSQL at a time
/// (<c>ledger.limits: leased</c>), and how long a lease lasts unrenewed.
/// </summary>
/// <param name="Slice">A fraction of the key's budget, requests per minute and tokens per minute (above 0, at most 1).</param>
/// <param name="Duration">How long a lease holds without renewal; a killed node's lease goes back to the key after it.</param>
public sealed record LeaseOptions(decimal Slice, TimeSpan Duration);
