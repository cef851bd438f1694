namespace Parity.Server.Tests.Gateway;

/// <summary>Waits for a condition a background part of the gateway makes true (a batch landing, a count reached).</summary>
internal static class Poll
{
    /// <summary>
    /// Checks <paramref name="done"/> every <paramref name="every"/> (50 ms by default) until it holds or
    /// <paramref name="timeout"/> has passed; true when it held. A test that cannot go on without the condition
    /// asserts the result, so a wait that runs out fails there and not as a confusing assertion further on; one that
    /// only waits for a good moment (a kill under load) goes on either way.
    /// </summary>
    public static async Task<bool> UntilAsync(Func<bool> done, TimeSpan timeout, TimeSpan? every = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(50));
        }

        return true;
    }
}
