using Npgsql;

namespace Parity.Server.Tests.Gateway;

/// <summary>
/// A throw-away database on the PostgreSQL server named by <c>PARITY_TEST_POSTGRES</c> (which
/// <c>.ci/run</c> starts). Without it the PostgreSQL tests return early on a developer's machine, and
/// fail under CI (<c>CI=true</c>), so a missing server never passes unnoticed there.
/// </summary>
public sealed class PostgresTestDatabase : IDisposable
{
    private readonly string admin;

    private PostgresTestDatabase(string admin, string name)
    {
        this.admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A new empty database, or null when no server is configured outside CI.</summary>
    public static PostgresTestDatabase? Create()
    {
        var admin = Environment.GetEnvironmentVariable("PARITY_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("CI=true but PARITY_TEST_POSTGRES is not set: .ci/run should have started PostgreSQL and set it.");
            }

            return null;
        }

        var name = "parity_gw_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }

        return new PostgresTestDatabase(admin, name);
    }

    /// <summary>
    /// Waits (at most 20 s) until <c>gateway_ledger</c> holds <paramref name="rows"/> rows: the nodes write
    /// their spools to PostgreSQL in batches, a fraction of a second after the responses. Returns the count.
    /// </summary>
    public async Task<long> WaitForLedgerRowsAsync(long rows)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM gateway_ledger", connection);
            var found = (long)(await count.ExecuteScalarAsync())!;
            if (found >= rows || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                return found;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Drops the database; best effort (an autovacuum worker on it can make a drop fail for a moment).</summary>
    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(admin);
                connection.Open();
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
                drop.ExecuteNonQuery();
                return;
            }
            catch (PostgresException)
            {
                Thread.Sleep(300);
            }
        }
    }
}
