using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace Parity.Gateway;

/// <summary>
/// Budgets and per-minute limits shared by gateway nodes on one PostgreSQL, at in-memory speed: each
/// node leases a slice of a key's budget, requests per minute and tokens per minute in one round trip
/// (<c>gateway_renew_lease</c>), admits requests against it in memory, renews it before it runs low
/// or expires, and gives back what it does not need (on renewal, and on shutdown). A killed node's
/// budget and token leases stop counting after <see cref="LeaseOptions.Duration"/>; its requests
/// granted for a minute count until that minute ends.
/// <para>
/// Settled costs and tokens reach PostgreSQL with the ledger's batches (<see cref="PostgresLedger"/>),
/// which add them to the key's spend and take them off the node's lease in one transaction. A lease
/// never takes more than the budget leaves after the spend and the other nodes' leases, so the nodes
/// together spend past a budget only by what requests overrun their reservations, and, after a kill
/// or a database crash, by what the lost leases held (docs/gateway.md states the bound).
/// </para>
/// </summary>
public sealed class LeasedKeyLimits : IKeyLimits, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly LeaseOptions options;
    private readonly ConcurrentDictionary<string, KeyLease> leases = new(StringComparer.Ordinal);

    /// <param name="connectionString">The PostgreSQL database the nodes share.</param>
    /// <param name="options">How large a slice to lease, and for how long.</param>
    /// <param name="node">This node's name on its leases (the ledger spool's, so that imports find its leases).</param>
    public LeasedKeyLimits(string connectionString, LeaseOptions options, string node)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // As the exact mode's counters: a renewal holds its key's rows for the statement, not for an fsync.
        builder.Options = (string.IsNullOrWhiteSpace(builder.Options) ? "" : builder.Options + " ") + "-c synchronous_commit=off";
        dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        this.options = options;
        Node = node;
    }

    public string Node { get; }

    /// <summary>Round trips to PostgreSQL so far (renewals).</summary>
    public long Renewals => Interlocked.Read(ref renewals);

    private long renewals;

    public async Task<AdmissionResult> TryAdmitAsync(VirtualKey key, decimal reserveUsd, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (key.BudgetUsd is null && key.Rpm is null && key.Tpm is null)
        {
            return AdmissionResult.Admitted;
        }

        var lease = leases.GetOrAdd(key.Id, static _ => new KeyLease());
        var refusal = AdmissionResult.Admitted;
        var renewedForThis = false; // a renewal asked for this request's reservation
        for (var round = 0; round < 64; round++)
        {
            Task renewal;
            lock (lease)
            {
                lease.Roll(key, now);
                refusal = lease.Check(key, reserveUsd);
                var valid = lease.Valid(key, now);
                if (refusal == AdmissionResult.Admitted && valid)
                {
                    lease.RequestsUsed++;
                    lease.ReservedUsd += reserveUsd;
                    if (lease.Renewing is null && (now >= lease.RenewAfter || lease.Low(key, options)))
                    {
                        lease.Renewing = RenewAsync(lease, key, 0);
                    }

                    return AdmissionResult.Admitted;
                }

                if (valid && (renewedForThis || (now < lease.RefuseUntil && lease.Renewing is null)))
                {
                    return refusal; // renewed for it and still no room, or refused a moment ago
                }

                // Wait for the renewal under way (it may bring enough), else ask for this request's need.
                if (lease.Renewing is { } running)
                {
                    renewal = running;
                }
                else
                {
                    renewal = lease.Renewing = RenewAsync(lease, key, reserveUsd);
                    renewedForThis = true;
                }
            }

            await renewal.WaitAsync(cancellationToken);
        }

        return refusal;
    }

    public Task SettleAsync(VirtualKey key, decimal reservedUsd, decimal costUsd, long tokens, DateTimeOffset admittedAt, CancellationToken cancellationToken)
    {
        if (leases.TryGetValue(key.Id, out var lease))
        {
            lock (lease)
            {
                if (lease.PeriodStart == BudgetPeriods.StartOf(key.Period, admittedAt))
                {
                    lease.ReservedUsd = Math.Max(0, lease.ReservedUsd - reservedUsd);
                    lease.SettledUsd += costUsd;
                }

                if (lease.Minute == KeyLease.MinuteOf(admittedAt))
                {
                    lease.SettledTokens += tokens;
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The key's spend and what is held against it (other nodes' leases and this node's reservations), as of the last renewal.</summary>
    public Task<(decimal Spent, decimal Reserved)> BudgetStateAsync(VirtualKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!leases.TryGetValue(key.Id, out var lease))
        {
            return Task.FromResult((0m, 0m));
        }

        lock (lease)
        {
            return Task.FromResult((lease.LastSpentUsd, lease.LastOthersUsd + lease.ReservedUsd));
        }
    }

    /// <summary>
    /// One round trip: asks for what this node holds plus a slice (at least <paramref name="needUsd"/>),
    /// requests and tokens for the minute when fewer than half a slice are left, and a fresh expiry.
    /// </summary>
    private async Task RenewAsync(KeyLease lease, VirtualKey key, decimal needUsd)
    {
        await Task.Yield(); // the caller holds the lease's lock
        try
        {
            decimal holdUsd;
            long holdTokens, wantRequests;
            DateTimeOffset period;
            long minute;
            lock (lease)
            {
                holdUsd = lease.SettledUsd + lease.ReservedUsd;
                holdTokens = lease.SettledTokens;
                period = lease.PeriodStart;
                minute = lease.Minute;
                var requestSlice = key.Rpm is { } rpm ? Math.Max(1, (long)Math.Ceiling(rpm * options.Slice)) : 0;
                wantRequests = lease.RequestsGranted - lease.RequestsUsed < requestSlice / 2.0 + 1 ? requestSlice : 0;
            }

            var want = key.BudgetUsd is { } budget ? Math.Max(budget * options.Slice, needUsd) : 0m;
            var wantTokens = key.Tpm is { } tpm ? Math.Max(1, (long)Math.Ceiling(tpm * options.Slice)) : 0L;
            var sent = DateTimeOffset.UtcNow;
            var windowStart = DateTimeOffset.FromUnixTimeSeconds(minute * 60);
            await using var connection = await dataSource.OpenConnectionAsync();
            var row = await connection.QuerySingleAsync<(decimal Ceiling, decimal Spent, decimal Others, long Granted, long TokenCeiling, long WindowTokens)>(
                "SELECT * FROM gateway_renew_lease(@key, @node, @seconds, @budget, @period, @hold, @want, @rpm, @tpm, @window, @wantRequests, @holdTokens, @wantTokens)",
                new
                {
                    key = key.Id,
                    node = Node,
                    seconds = options.Duration.TotalSeconds,
                    budget = key.BudgetUsd,
                    period = LedgerTime.ToText(period),
                    hold = holdUsd,
                    want,
                    rpm = (long?)key.Rpm,
                    tpm = (long?)key.Tpm,
                    window = LedgerTime.ToText(windowStart),
                    wantRequests,
                    holdTokens,
                    wantTokens,
                });
            Interlocked.Increment(ref renewals);
            lock (lease)
            {
                if (lease.PeriodStart == period)
                {
                    lease.CeilingUsd = row.Ceiling;
                    lease.LastSpentUsd = row.Spent;
                    lease.LastOthersUsd = row.Others;
                }

                if (lease.Minute == minute)
                {
                    lease.RequestsGranted += row.Granted;
                    lease.TokenCeiling = row.TokenCeiling;
                }

                if (lease.PeriodStart == period && (key.Tpm is null || lease.Minute == minute))
                {
                    // Used locally for 90% of the lease, so it is given up before PostgreSQL lets it go.
                    lease.ValidUntil = sent + (options.Duration * 0.9);
                    lease.RenewAfter = sent + (options.Duration / 3);
                }

                // When the key had no fresh slice left to give and even the request that asked (or, for a
                // renewal ahead of time, any request) does not fit, requests that do not fit are refused for
                // a moment without another round trip each.
                var clipped = (key.BudgetUsd is not null && row.Ceiling < holdUsd + want)
                    || row.Granted < wantRequests
                    || (key.Tpm is not null && row.TokenCeiling < holdTokens + wantTokens);
                if (clipped && lease.Check(key, needUsd) != AdmissionResult.Admitted)
                {
                    lease.RefuseUntil = sent + TimeSpan.FromMilliseconds(Math.Min(250, options.Duration.TotalMilliseconds / 10));
                }
            }
        }
        finally
        {
            lock (lease)
            {
                lease.Renewing = null;
            }
        }
    }

    /// <summary>
    /// Gives back what this node holds: its leases (call after the ledger's last batch, when what it
    /// settled is in PostgreSQL) and the requests it was granted this minute and did not use.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await connection.ExecuteAsync("DELETE FROM gateway_key_leases WHERE node = @node", new { node = Node });
            var now = KeyLease.MinuteOf(DateTimeOffset.UtcNow);
            foreach (var (id, lease) in leases)
            {
                long unused;
                lock (lease)
                {
                    unused = lease.Minute == now ? lease.RequestsGranted - lease.RequestsUsed : 0;
                }

                if (unused > 0)
                {
                    await connection.ExecuteAsync(
                        "UPDATE gateway_key_windows SET requests = GREATEST(0, requests - @unused) WHERE key_id = @id AND window_start = @window",
                        new { unused, id, window = LedgerTime.ToText(DateTimeOffset.FromUnixTimeSeconds(now * 60)) });
                }
            }
        }
        catch (NpgsqlException)
        {
            // Unreachable: the leases expire by themselves, and the minute's requests count until it ends.
        }
        finally
        {
            await dataSource.DisposeAsync();
        }
    }
}
