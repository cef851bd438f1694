namespace Parity.Cli.Tests.Commands;

/// <summary><c>parity gateway --io-threads</c> refuses a count it cannot run, before anything starts.</summary>
public sealed class GatewayIoThreadsOptionTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("257")]
    public async Task A_socket_thread_count_out_of_range_is_refused_naming_the_option(string threads)
    {
        var (exit, output, error) = await CliRunner.RunAsync("gateway", "--config", "no-such-gateway.yaml", "--io-threads", threads);

        exit.ShouldNotBe(0);
        error.ShouldContain("--io-threads must be between 1 and 256.");
        output.ShouldBeEmpty();
    }
}
