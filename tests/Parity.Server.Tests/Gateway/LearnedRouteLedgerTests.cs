using Dapper;
using Parity.Gateway;
using Parity.Storage;

namespace Parity.Server.Tests.Gateway;

/// <summary>The learned-route columns through the batched ledger writer, on SQLite and on PostgreSQL (migration 440 on both).</summary>
public sealed class LearnedRouteLedgerTests
{
    private static readonly LedgerEntry Routed = new()
    {
        RequestId = "req_learned",
        At = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero),
        Route = "smart",
        Model = "cn-open",
        Status = 200,
        Attempts = 2,
        RouteScore = 0.1 + 0.2,
        RouteThreshold = 0.61803398875,
        RouteChoice = "us-flagship",
    };

    private static async Task WriteAndCheckAsync(Func<ParityStore> open)
    {
        await using (var writer = new LedgerWriter(open()))
        {
            await writer.AppendAsync(Routed);
            await writer.AppendAsync(Routed with { RequestId = "req_plain", RouteScore = null, RouteThreshold = null, RouteChoice = null });
        }

        using var store = open();
        var row = store.Connection.QuerySingle<(double? Score, double? Threshold, string? Choice, string? Model)>(
            "SELECT route_score, route_threshold, route_choice, model FROM gateway_ledger WHERE request_id = 'req_learned'");
        row.ShouldBe((0.1 + 0.2, 0.61803398875, "us-flagship", "cn-open"));
        store.Connection.QuerySingle<(double? Score, string? Choice)>("SELECT route_score, route_choice FROM gateway_ledger WHERE request_id = 'req_plain'")
            .ShouldBe((null, null));
    }

    [Fact]
    public async Task The_route_score_threshold_and_choice_land_exactly_in_a_sqlite_ledger()
    {
        var folder = Directory.CreateTempSubdirectory("parity-learned-ledger-").FullName;
        try
        {
            await WriteAndCheckAsync(() => ParityStore.OpenSqlite(Path.Combine(folder, "ledger.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_route_score_threshold_and_choice_land_exactly_in_a_postgres_ledger()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return; // no PostgreSQL outside CI
        }

        await WriteAndCheckAsync(() => ParityStore.OpenPostgres(db.ConnectionString));
    }

    [Fact]
    public async Task The_route_columns_survive_the_postgres_gateways_spool_and_binary_copy()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return; // no PostgreSQL outside CI
        }

        using (ParityStore.OpenPostgres(db.ConnectionString))
        {
            // migrated
        }

        var spool = Directory.CreateTempSubdirectory("parity-learned-spool-").FullName;
        try
        {
            await using (var ledger = new PostgresLedger(db.ConnectionString, spool, "node-learned", reconcile: false, _ => null))
            {
                await ledger.AppendAsync(Routed);
                await ledger.AppendAsync(Routed with { RequestId = "req_zero", RouteScore = 0.25, RouteThreshold = 0, RouteChoice = "cn-open" });
                await ledger.FlushAsync();
            }

            using var store = ParityStore.OpenPostgres(db.ConnectionString);
            store.Connection.QuerySingle<(double? Score, double? Threshold, string? Choice)>(
                "SELECT route_score, route_threshold, route_choice FROM gateway_ledger WHERE request_id = 'req_learned'")
                .ShouldBe((0.1 + 0.2, 0.61803398875, "us-flagship"));
            store.Connection.QuerySingle<(double? Score, double? Threshold)>("SELECT route_score, route_threshold FROM gateway_ledger WHERE request_id = 'req_zero'")
                .ShouldBe((0.25, 0.0));
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
        }
    }
}
