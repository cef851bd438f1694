namespace Parity.Gateway;

/// <summary>
/// Budget and rate-limit state of virtual keys. A request reserves its worst-case cost before it goes
/// upstream and settles the real cost when it ends, so concurrent requests (on one node or several
/// sharing PostgreSQL) cannot together spend past a budget by more than what was in flight.
/// </summary>
public interface IKeyLimits
{
    /// <summary>Counts the request against the key's per-minute limits and reserves <paramref name="reserveUsd"/> of its budget.</summary>
    Task<AdmissionResult> TryAdmitAsync(VirtualKey key, decimal reserveUsd, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Replaces the reservation by the real cost and adds the tokens to the minute's count.</summary>
    Task SettleAsync(VirtualKey key, decimal reservedUsd, decimal costUsd, long tokens, DateTimeOffset admittedAt, CancellationToken cancellationToken);

    /// <summary>Spent and reserved in the key's current budget period.</summary>
    Task<(decimal Spent, decimal Reserved)> BudgetStateAsync(VirtualKey key, DateTimeOffset now, CancellationToken cancellationToken);
}
