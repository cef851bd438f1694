using Dapper;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Parity.Gateway;

/// <summary>
/// Budget and limit state shared by every gateway process on one PostgreSQL database. Each check is
/// one atomic statement (an UPDATE whose WHERE holds the limit), so two nodes cannot both take the
/// last of a budget: a request is admitted only when spent + reserved + its reservation fits.
/// <para>
/// The counters are committed without waiting for PostgreSQL's disk flush (<c>synchronous_commit=off</c>
/// on these connections): a statement holds its key's row only for the update, not for an fsync, so
/// one key's requests do not queue behind each other's flushes. A crash of the database server (not
/// of a gateway) can forget the last fraction of a second of counter updates; the ledger, committed
/// with the server's own setting, keeps every request.
/// </para>
/// </summary>
public sealed class PostgresKeyLimits : IKeyLimits, IDisposable
{
    /// <summary>
    /// Connections this node's limits use at most, unless the connection string sets <c>Maximum Pool Size</c>.
    /// One hot key's statements queue on its row anyway; Npgsql's default of 100 let a node under load open
    /// more than a default PostgreSQL accepts (max_connections 100, shared by every node and its ledger), and
    /// the statements then failed.
    /// </summary>
    public const int DefaultMaxPoolSize = 16;

    /// <summary>
    /// A settlement that fails for a transient reason (the server out of connection slots, a dropped
    /// connection) is tried again: a reservation never settled would be held against the key all period.
    /// </summary>
    private static readonly ResiliencePipeline SettleRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient),
            MaxRetryAttempts = 5,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
        })
        .Build();

    private readonly NpgsqlDataSource dataSource;

    public PostgresKeyLimits(string connectionString) => dataSource = NpgsqlDataSource.Create(LimitsConnectionString(connectionString));

    /// <summary>
    /// The limits' connection string: <paramref name="connectionString"/> with <c>synchronous_commit=off</c>, and at
    /// most <see cref="DefaultMaxPoolSize"/> connections unless it sets a pool size under either of Npgsql's names
    /// (<c>Maximum Pool Size</c>, <c>MaxPoolSize</c>; any case).
    /// </summary>
    internal static string LimitsConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = (string.IsNullOrWhiteSpace(builder.Options) ? "" : builder.Options + " ") + "-c synchronous_commit=off";
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("MaxPoolSize"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Reserves for one request. <paramref name="cancellationToken"/> (the client's) does not cancel the statements:
    /// a reservation made as the client left is released when its request is settled, whereas one cancelled
    /// half-way would leave it unknown whether PostgreSQL holds it, and Npgsql's cancellation waits
    /// synchronously on a connection of its own (see <c>GatewayHost.PreferInlineIo</c>).
    /// </summary>
    public Task<AdmissionResult> TryAdmitAsync(VirtualKey key, decimal reserveUsd, DateTimeOffset now, CancellationToken cancellationToken) =>
        AdmitAsync(key, reserveUsd, now);

    private async Task<AdmissionResult> AdmitAsync(VirtualKey key, decimal reserveUsd, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        if (key.Rpm is not null || key.Tpm is not null)
        {
            var window = LedgerTime.ToText(MinuteStart(now));
            var admitted = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                """
                INSERT INTO gateway_key_windows (key_id, window_start, requests, tokens) VALUES (@id, @window, 1, 0)
                ON CONFLICT (key_id, window_start) DO UPDATE SET requests = gateway_key_windows.requests + 1
                WHERE gateway_key_windows.requests < @rpm AND gateway_key_windows.tokens < @tpm
                RETURNING requests
                """,
                new { id = key.Id, window, rpm = (long?)key.Rpm ?? long.MaxValue, tpm = (long?)key.Tpm ?? long.MaxValue }));
            if (admitted is null)
            {
                var requests = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT requests FROM gateway_key_windows WHERE key_id = @id AND window_start = @window",
                    new { id = key.Id, window }));
                return key.Rpm is { } rpm && requests >= rpm ? AdmissionResult.OverRequestsPerMinute : AdmissionResult.OverTokensPerMinute;
            }
        }

        if (key.BudgetUsd is not { } budget)
        {
            return AdmissionResult.Admitted;
        }

        var period = LedgerTime.ToText(BudgetPeriods.StartOf(key.Period, now));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO gateway_key_spend (key_id, period_start, spent_usd, reserved_usd) VALUES (@id, @period, 0, 0) ON CONFLICT DO NOTHING",
            new { id = key.Id, period }));
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE gateway_key_spend SET reserved_usd = reserved_usd + @reserve
            WHERE key_id = @id AND period_start = @period AND spent_usd + reserved_usd + @reserve <= @budget
            """,
            new { id = key.Id, period, reserve = reserveUsd, budget }));
        return rows == 1 ? AdmissionResult.Admitted : AdmissionResult.OverBudget;
    }

    /// <summary>Settles one request's reservation; like an admission, not cancelled by <paramref name="cancellationToken"/>.</summary>
    public Task SettleAsync(VirtualKey key, decimal reservedUsd, decimal costUsd, long tokens, DateTimeOffset admittedAt, CancellationToken cancellationToken) =>
        SettleRetry.ExecuteAsync(
            static (state, _) => new ValueTask(state.Limits.SettleOnceAsync(state.key, state.reservedUsd, state.costUsd, state.tokens, state.admittedAt)),
            (Limits: this, key, reservedUsd, costUsd, tokens, admittedAt),
            CancellationToken.None).AsTask();

    private async Task SettleOnceAsync(VirtualKey key, decimal reservedUsd, decimal costUsd, long tokens, DateTimeOffset admittedAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        if ((key.Rpm is not null || key.Tpm is not null) && tokens > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE gateway_key_windows SET tokens = tokens + @tokens WHERE key_id = @id AND window_start = @window",
                new { id = key.Id, window = LedgerTime.ToText(MinuteStart(admittedAt)), tokens }));
        }

        if (key.BudgetUsd is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE gateway_key_spend SET reserved_usd = GREATEST(0, reserved_usd - @reserved), spent_usd = spent_usd + @cost
                WHERE key_id = @id AND period_start = @period
                """,
                new { id = key.Id, period = LedgerTime.ToText(BudgetPeriods.StartOf(key.Period, admittedAt)), reserved = reservedUsd, cost = costUsd }));
        }
    }

    /// <summary>The key's spend and reservations this period; the client's <paramref name="cancellationToken"/> ends the wait, not the query.</summary>
    public Task<(decimal Spent, decimal Reserved)> BudgetStateAsync(VirtualKey key, DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadBudgetStateAsync(key, now).WaitAsync(cancellationToken);

    private async Task<(decimal Spent, decimal Reserved)> ReadBudgetStateAsync(VirtualKey key, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(decimal, decimal)?>(new CommandDefinition(
            "SELECT spent_usd, reserved_usd FROM gateway_key_spend WHERE key_id = @id AND period_start = @period",
            new { id = key.Id, period = LedgerTime.ToText(BudgetPeriods.StartOf(key.Period, now)) }));
        return row ?? (0, 0);
    }

    private static DateTimeOffset MinuteStart(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds() / 60 * 60);

    public void Dispose() => dataSource.Dispose();
}
