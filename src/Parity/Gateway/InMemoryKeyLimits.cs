namespace Parity.Gateway;

/// <summary>
/// Budget and limit state for one gateway process (the SQLite setup). A key's spend in the current
/// period starts from the ledger's sum when the key is first seen, so a restart does not reset budgets.
/// Per-minute limits count calendar minutes (UTC).
/// </summary>
public sealed class InMemoryKeyLimits : IKeyLimits
{
    private readonly Func<string, DateTimeOffset, decimal> spentSince;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, State> states = new(StringComparer.Ordinal);

    /// <param name="spentSince">The ledger's spend of a key since a moment.</param>
    public InMemoryKeyLimits(Func<string, DateTimeOffset, decimal> spentSince) => this.spentSince = spentSince;

    public Task<AdmissionResult> TryAdmitAsync(VirtualKey key, decimal reserveUsd, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = StateOf(key, now);
        var minute = MinuteOf(now);
        lock (state)
        {
            if (state.Minute != minute)
            {
                state.Minute = minute;
                state.Requests = 0;
                state.Tokens = 0;
            }

            if (key.Rpm is { } rpm && state.Requests >= rpm)
            {
                return Task.FromResult(AdmissionResult.OverRequestsPerMinute);
            }

            if (key.Tpm is { } tpm && state.Tokens >= tpm)
            {
                return Task.FromResult(AdmissionResult.OverTokensPerMinute);
            }

            if (key.BudgetUsd is { } budget && state.Spent + state.Reserved + reserveUsd > budget)
            {
                return Task.FromResult(AdmissionResult.OverBudget);
            }

            state.Requests++;
            state.Reserved += reserveUsd;
            return Task.FromResult(AdmissionResult.Admitted);
        }
    }

    public Task SettleAsync(VirtualKey key, decimal reservedUsd, decimal costUsd, long tokens, DateTimeOffset admittedAt, CancellationToken cancellationToken)
    {
        var state = StateOf(key, admittedAt);
        lock (state)
        {
            state.Reserved = Math.Max(0, state.Reserved - reservedUsd);
            state.Spent += costUsd;
            if (state.Minute == MinuteOf(DateTimeOffset.UtcNow) || state.Minute == MinuteOf(admittedAt))
            {
                state.Tokens += tokens;
            }
        }

        return Task.CompletedTask;
    }

    public Task<(decimal Spent, decimal Reserved)> BudgetStateAsync(VirtualKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = StateOf(key, now);
        lock (state)
        {
            return Task.FromResult((state.Spent, state.Reserved));
        }
    }

    private State StateOf(VirtualKey key, DateTimeOffset now)
    {
        var periodStart = BudgetPeriods.StartOf(key.Period, now);
        if (states.TryGetValue(key.Id, out var state) && state.PeriodStart == periodStart)
        {
            return state;
        }

        // A new key or a new period: a ledger query. Two threads may both compute it; the first stored wins.
        var spent = spentSince(key.Id, periodStart);
        var fresh = new State { PeriodStart = periodStart, Spent = spent };
        return states.AddOrUpdate(key.Id, fresh, (_, existing) => existing.PeriodStart == periodStart ? existing : fresh);
    }

    private static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;

    private sealed class State
    {
        public DateTimeOffset PeriodStart;
        public decimal Spent;
        public decimal Reserved;
        public long Minute;
        public long Requests;
        public long Tokens;
    }
}
