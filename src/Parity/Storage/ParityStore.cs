using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parity.Storage;

/// <summary>
/// The local store: a SQLite file by default. Opening it applies any schema migrations it lacks,
/// each in its own transaction, so a store made by an older Parity is upgraded in place.
/// SQL is kept to the subset SQLite and PostgreSQL share; where they differ, a migration
/// carries one script per dialect.
/// </summary>
public sealed class ParityStore : IDisposable
{
    private ParityStore(DbConnection connection, SqlDialect dialect, string location)
    {
        Connection = connection;
        Dialect = dialect;
        Location = location;
    }

    /// <summary>The default file name, in the working directory.</summary>
    public const string DefaultFileName = "parity.db";

    /// <summary>The open connection.</summary>
    public DbConnection Connection { get; }

    /// <summary>SQLite or PostgreSQL.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>The file path (SQLite), for messages.</summary>
    public string Location { get; }

    /// <summary>Opens (creating if needed) a SQLite store and brings its schema up to date.</summary>
    public static ParityStore OpenSqlite(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
        {
            throw new ParityException($"Cannot open the store '{path}': the folder '{dir}' does not exist.");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = full, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            connection.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;");
            Money.Register(connection);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new ParityException($"Cannot open the store '{path}': {ex.Message}", ex);
        }

        var store = new ParityStore(connection, SqlDialect.Sqlite, full);
        store.Migrate();
        return store;
    }

    /// <summary>
    /// Opens a PostgreSQL store (a connection string such as <c>Host=127.0.0.1;Username=parity;Password=…;Database=parity</c>)
    /// and brings its schema up to date. Several processes may open the same database at once: migrations
    /// run under an advisory lock.
    /// </summary>
    public static ParityStore OpenPostgres(string connectionString)
    {
        NpgsqlConnection connection;
        try
        {
            connection = new NpgsqlConnection(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ParityException($"The PostgreSQL connection string is not valid: {ex.Message}", ex);
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            connection.Open();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            connection.Dispose();
            throw new ParityException($"Cannot open the PostgreSQL store at {builder.Host}:{builder.Port}/{builder.Database}: {ex.Message}", ex);
        }

        var store = new ParityStore(connection, SqlDialect.Postgres, $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}");
        connection.Execute("SELECT pg_advisory_lock(7340049)");
        try
        {
            store.Migrate();
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(7340049)");
        }

        return store;
    }

    /// <summary>The schema versions applied so far.</summary>
    public IReadOnlyList<int> AppliedVersions() =>
        Connection.Query<int>("SELECT version FROM schema_migrations ORDER BY version").AsList();

    private void Migrate()
    {
        Connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = AppliedVersions().ToHashSet();
        foreach (var migration in Migrations.All.OrderBy(m => m.Version))
        {
            if (applied.Contains(migration.Version))
            {
                continue;
            }

            using var tx = Connection.BeginTransaction();
            Connection.Execute(Dialect == SqlDialect.Sqlite ? migration.Sqlite : migration.Postgres, transaction: tx);
            Connection.Execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { migration.Version, migration.Name, At = DateTimeOffset.UtcNow.ToString("O") },
                tx);
            tx.Commit();
        }
    }

    /// <inheritdoc />
    public void Dispose() => Connection.Dispose();
}
