using Dapper;
using Npgsql;

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
    private readonly NpgsqlDataSource dataSource;

    public PostgresKeyLimits(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = (string.IsNullOrWhiteSpace(builder.Options) ? "" : builder.Options + " ") + "-c synchronous_commit=off";
        dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public async Task<AdmissionResult> TryAdmitAsync(VirtualKey key, decimal reserveUsd, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
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
                new { id = key.Id, window, rpm = (long?)key.Rpm ?? long.MaxValue, tpm = (long?)key.Tpm ?? long.MaxValue },
                cancellationToken: cancellationToken));
            if (admitted is null)
            {
                var requests = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT requests FROM gateway_key_windows WHERE key_id = @id AND window_start = @window",
                    new { id = key.Id, window },
                    cancellationToken: cancellationToken));
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
            new { id = key.Id, period },
            cancellationToken: cancellationToken));
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE gateway_key_spend SET reserved_usd = reserved_usd + @reserve
            WHERE key_id = @id AND period_start = @period AND spent_usd + reserved_usd + @reserve <= @budget
            """,
            new { id = key.Id, period, reserve = reserveUsd, budget },
            cancellationToken: cancellationToken));
        return rows == 1 ? AdmissionResult.Admitted : AdmissionResult.OverBudget;
    }

    public async Task SettleAsync(VirtualKey key, decimal reservedUsd, decimal costUsd, long tokens, DateTimeOffset admittedAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if ((key.Rpm is not null || key.Tpm is not null) && tokens > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE gateway_key_windows SET tokens = tokens + @tokens WHERE key_id = @id AND window_start = @window",
                new { id = key.Id, window = LedgerTime.ToText(MinuteStart(admittedAt)), tokens },
                cancellationToken: cancellationToken));
        }

        if (key.BudgetUsd is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE gateway_key_spend SET reserved_usd = GREATEST(0, reserved_usd - @reserved), spent_usd = spent_usd + @cost
                WHERE key_id = @id AND period_start = @period
                """,
                new { id = key.Id, period = LedgerTime.ToText(BudgetPeriods.StartOf(key.Period, admittedAt)), reserved = reservedUsd, cost = costUsd },
                cancellationToken: cancellationToken));
        }
    }

    public async Task<(decimal Spent, decimal Reserved)> BudgetStateAsync(VirtualKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(decimal, decimal)?>(new CommandDefinition(
            "SELECT spent_usd, reserved_usd FROM gateway_key_spend WHERE key_id = @id AND period_start = @period",
            new { id = key.Id, period = LedgerTime.ToText(BudgetPeriods.StartOf(key.Period, now)) },
            cancellationToken: cancellationToken));
        return row ?? (0, 0);
    }

    private static DateTimeOffset MinuteStart(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds() / 60 * 60);

    public void Dispose() => dataSource.Dispose();
}
