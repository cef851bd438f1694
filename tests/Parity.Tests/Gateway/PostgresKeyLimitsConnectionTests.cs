using Npgsql;
using Parity.Gateway;

namespace Parity.Tests.Gateway;

/// <summary>The exact limits' connection string: commits without waiting for the flush, and a pool a default PostgreSQL can hold.</summary>
public sealed class PostgresKeyLimitsConnectionTests
{
    [Fact]
    public void Without_a_pool_size_the_limits_use_at_most_16_connections_and_commit_without_waiting_for_the_flush()
    {
        var built = new NpgsqlConnectionStringBuilder(PostgresKeyLimits.LimitsConnectionString("Host=db;Username=u;Password=p;Database=d;Options=-c work_mem=8MB"));

        built.MaxPoolSize.ShouldBe(PostgresKeyLimits.DefaultMaxPoolSize);
        built.Options.ShouldBe("-c work_mem=8MB -c synchronous_commit=off");
        built.Host.ShouldBe("db");
    }

    [Theory]
    [InlineData("Maximum Pool Size=40")]
    [InlineData("MaxPoolSize=40")]
    [InlineData("maxpoolsize=40")]
    [InlineData("Maximum Pool Size=100")]
    public void A_pool_size_the_connection_string_sets_is_kept_under_either_name(string setting)
    {
        var expected = int.Parse(setting[(setting.IndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        new NpgsqlConnectionStringBuilder(PostgresKeyLimits.LimitsConnectionString("Host=db;Username=u;" + setting)).MaxPoolSize.ShouldBe(expected);
    }
}
