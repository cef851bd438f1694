namespace Parity.Gateway;

/// <summary>
/// What one node holds of one key's budget and minute limits (see <see cref="LeasedKeyLimits"/>). The
/// budget and token figures are cumulative over the period (the minute for tokens) and node, so a
/// ceiling stays right whichever of a renewal and a ledger import reaches PostgreSQL first: the lease's
/// ceiling is what the node has had imported plus what it still holds, and an import moves an amount
/// from the second to the first. Guarded by locking the instance.
/// </summary>
internal sealed class KeyLease
{
    public DateTimeOffset PeriodStart = DateTimeOffset.MinValue;

    /// <summary>Settled costs this period on this node (imported to PostgreSQL or not yet).</summary>
    public decimal SettledUsd;

    /// <summary>Reservations of this node's requests in flight.</summary>
    public decimal ReservedUsd;

    /// <summary>This node may hold settled + reserved up to this (0 until the first renewal).</summary>
    public decimal CeilingUsd;

    public long Minute = long.MinValue;

    public long RequestsGranted;

    public long RequestsUsed;

    /// <summary>Tokens settled on this node for requests admitted in <see cref="Minute"/>.</summary>
    public long SettledTokens;

    public long TokenCeiling;

    /// <summary>The leased budget and tokens may be used until then (local clock, before PostgreSQL's expiry).</summary>
    public DateTimeOffset ValidUntil = DateTimeOffset.MinValue;

    /// <summary>A renewal is started in the background once a request is admitted after this.</summary>
    public DateTimeOffset RenewAfter = DateTimeOffset.MinValue;

    /// <summary>After a renewal that left a request refused, the same refusal is given locally until then.</summary>
    public DateTimeOffset RefuseUntil = DateTimeOffset.MinValue;

    /// <summary>The key's spend in PostgreSQL and the other nodes' leases, at the last renewal (for a 402's message).</summary>
    public decimal LastSpentUsd;

    public decimal LastOthersUsd;

    /// <summary>The renewal under way, which admissions that need one wait for.</summary>
    public Task? Renewing;

    /// <summary>
    /// Starts a new budget period or minute when <paramref name="now"/> is in a later one. Never goes back: a
    /// request whose clock reading is from just before the turn of a minute (it waited for a renewal, say)
    /// counts in the minute the lease is in. Going back reset the counts each time such a request came,
    /// and every reset asked PostgreSQL for another slice of the minute's requests, until one node held
    /// the whole minute and refused for the rest of it.
    /// </summary>
    public void Roll(VirtualKey key, DateTimeOffset now)
    {
        var period = BudgetPeriods.StartOf(key.Period, now);
        if (period > PeriodStart)
        {
            PeriodStart = period;
            SettledUsd = 0;
            ReservedUsd = 0;
            CeilingUsd = 0;
            ValidUntil = DateTimeOffset.MinValue;
        }

        var minute = MinuteOf(now);
        if (minute > Minute)
        {
            Minute = minute;
            RequestsGranted = 0;
            RequestsUsed = 0;
            SettledTokens = 0;
            TokenCeiling = 0;
            RefuseUntil = DateTimeOffset.MinValue;
            if (key.Tpm is not null)
            {
                ValidUntil = DateTimeOffset.MinValue;
            }
        }
    }

    /// <summary>What the lease says about a request that reserves <paramref name="reserveUsd"/>, checked in the order of the exact mode.</summary>
    public AdmissionResult Check(VirtualKey key, decimal reserveUsd)
    {
        if (key.Rpm is not null && RequestsUsed >= RequestsGranted)
        {
            return AdmissionResult.OverRequestsPerMinute;
        }

        if (key.Tpm is not null && SettledTokens >= TokenCeiling)
        {
            return AdmissionResult.OverTokensPerMinute;
        }

        if (key.BudgetUsd is not null && SettledUsd + ReservedUsd + reserveUsd > CeilingUsd)
        {
            return AdmissionResult.OverBudget;
        }

        return AdmissionResult.Admitted;
    }

    /// <summary>Whether the leased budget and tokens may still be used (requests granted count for their minute whatever happens).</summary>
    public bool Valid(VirtualKey key, DateTimeOffset now) => (key.BudgetUsd is null && key.Tpm is null) || now < ValidUntil;

    /// <summary>Whether what is left is under half a slice, so a renewal should start before requests wait for one.</summary>
    public bool Low(VirtualKey key, LeaseOptions options) =>
        (key.BudgetUsd is { } budget && CeilingUsd - SettledUsd - ReservedUsd < budget * options.Slice / 2)
        || (key.Rpm is { } rpm && RequestsGranted - RequestsUsed < Math.Max(1, (long)(rpm * options.Slice)) / 2.0)
        || (key.Tpm is { } tpm && TokenCeiling - SettledTokens < Math.Max(1, (long)(tpm * options.Slice)) / 2.0);

    public static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;
}
