using Dapper;
using Parity.Gateway;
using Parity.Storage;

namespace Parity.Server.Tests.Gateway;

/// <summary>Leased rpm limits at the turn of a minute, when requests' clock readings straddle it.</summary>
public sealed class LeaseMinuteTurnTests
{
    [Fact]
    public async Task Requests_read_just_before_the_minute_turned_count_in_the_new_minute_and_take_no_extra_slices()
    {
        using var db = PostgresTestDatabase.Create();
        if (db is null)
        {
            return;
        }

        using var store = ParityStore.OpenPostgres(db.ConnectionString);
        var (key, _) = new VirtualKeyStore(store).Create("turn", null, BudgetPeriod.Month, rpm: 1000, tpm: null, DateTimeOffset.UtcNow);
        await using var limits = new LeasedKeyLimits(db.ConnectionString, new LeaseOptions(0.1m, TimeSpan.FromSeconds(30)), "node-a");

        // 300 requests after the minute turned, every other one with a clock reading from just before it
        // (taken before it waited on a renewal or the key lookup): all fit in the minute's 1000.
        var turn = new DateTimeOffset(2026, 12, 7, 12, 1, 0, TimeSpan.Zero);
        var refused = 0;
        for (var i = 0; i < 300; i++)
        {
            var now = i % 2 == 0 ? turn.AddMilliseconds(-5) : turn.AddMilliseconds(5 + i);
            if (i == 0)
            {
                now = turn.AddMilliseconds(5);
            }

            if (await limits.TryAdmitAsync(key, 0m, now, CancellationToken.None) != AdmissionResult.Admitted)
            {
                refused++;
            }
        }

        refused.ShouldBe(0);

        // The node asked PostgreSQL for slices of 100 only as it used them (about 300 of the minute's 1000),
        // not for a fresh slice each time a reading from the minute before came.
        var granted = store.Connection.ExecuteScalar<long>(
            "SELECT requests FROM gateway_key_windows WHERE key_id = @id AND window_start = @w", new { id = key.Id, w = LedgerTime.ToText(turn) });
        granted.ShouldBeInRange(300, 500);
    }
}
