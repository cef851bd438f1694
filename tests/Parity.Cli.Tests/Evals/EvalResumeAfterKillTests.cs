using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Parity.Tests.Providers;

namespace Parity.Cli.Tests.Evals;

/// <summary>
/// A run killed mid-way (the real <c>parity</c> process, killed) resumes with no item lost and no
/// stored answer paid for twice.
/// </summary>
public sealed class EvalResumeAfterKillTests : IDisposable
{
    private const int Items = 300;
    private const int Concurrency = 4;
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"parity-kill-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" })
        {
            File.Delete(f);
        }
    }

    [Fact]
    public async Task A_killed_run_resumes_without_losing_or_repaying_items()
    {
        await using var upstream = await TestUpstream.StartAsync(r => new UpstreamReply.Answer("{\"answer\": \"1\"}", Delay: TimeSpan.FromMilliseconds(15)));

        using (var first = Start(upstream))
        {
            var deadline = Stopwatch.StartNew();
            while (StoredItems().Count < 60)
            {
                if (first.HasExited)
                {
                    Assert.Fail("the run finished before it could be killed: " + await first.StandardError.ReadToEndAsync());
                }

                deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
                await Task.Delay(20);
            }

            first.HasExited.ShouldBeFalse("the run finished before it could be killed");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var storedBeforeKill = StoredItems();
        var requestsBeforeResume = upstream.Requests.ToArray();
        storedBeforeKill.Count.ShouldBeLessThan(Items);

        using (var second = Start(upstream))
        {
            await second.WaitForExitAsync();
            second.ExitCode.ShouldBe(0, await second.StandardError.ReadToEndAsync());
        }

        var stored = StoredItems();
        stored.Count.ShouldBe(Items); // none lost
        stored.Distinct().Count().ShouldBe(Items);

        var resumeRequests = upstream.Requests.Skip(requestsBeforeResume.Length).ToList();
        var storedPrompts = requestsBeforeResume.Where(r => storedBeforeKill.Contains(ItemOf(r))).Select(r => r.Prompt).ToHashSet();
        resumeRequests.ShouldAllBe(r => !storedPrompts.Contains(r.Prompt)); // nothing stored is asked (or paid for) again
        resumeRequests.Count.ShouldBe(Items - storedBeforeKill.Count);
        // Only calls in flight when the process died, or answered in the last moment before their
        // batch was committed, were sent twice: a handful, never the stored ones.
        (requestsBeforeResume.Length - storedBeforeKill.Count).ShouldBeLessThanOrEqualTo(2 * Concurrency);
    }

    private static string ItemOf(UpstreamRequest r) => r.Prompt;

    private HashSet<string> StoredItems()
    {
        if (!File.Exists(_db))
        {
            return [];
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _db, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT json_extract(q.request, '$[0].content') FROM eval_results r JOIN eval_requests q ON q.run_id = r.run_id AND q.item_id = r.item_id WHERE r.status = 'ok'";
            using var reader = cmd.ExecuteReader();
            var items = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                items.Add(reader.GetString(0));
            }

            return items;
        }
        catch (SqliteException)
        {
            return []; // not created yet
        }
    }

    private Process Start(TestUpstream upstream)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "parity.dll"), "--db", _db, "eval", "run", "--suite", "gsm8k", "--limit", Items.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--model", "vllm:slow-model", "--concurrency", Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture), "--run", "killed",
        })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["VLLM_BASE_URL"] = upstream.BaseUrl.ToString();
        start.Environment.Remove("PARITY_CONFIG");
        return Process.Start(start)!;
    }
}
