using System.Diagnostics;
using Parity.Gateway;
using Parity.Storage;

// usage: dotnet run -c Release --project bench/gateway/LedgerImport [rounds] [records per round]
// Appends records to a ledger log and imports them into a fresh SQLite ledger, round after round, and
// prints the process's CPU time per record for each; the summary is the median of the rounds after the
// first two (JIT warm-up). Compare builds by running it on each, interleaved.
var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 14;
var perRound = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40_000;
var folder = Directory.CreateTempSubdirectory("parity-ledger-bench-").FullName;
try
{
    var db = Path.Combine(folder, "ledger.db");
    var entry = new LedgerEntry
    {
        RequestId = "req_0123456789ab000000000001", At = DateTimeOffset.UtcNow, KeyId = "key_abcdef", Route = "gpt-4o-mini", Model = "gpt-4o-mini",
        Provider = "local", Vendor = "OpenAI", Origin = "US", OpenWeights = false, InputTokens = 11, OutputTokens = 9, CostUsd = 0.00000705m, LatencyMs = 0.532,
        Status = 200, Attempts = 1, UsageSource = "upstream",
    };
    var append = new List<double>();
    var import = new List<double>();
    await using (var log = new LedgerLog(ParityStore.OpenSqlite(db), TimeSpan.FromHours(1))) // imported below, not in the background
    using (var reader = ParityStore.OpenSqlite(db))
    {
        for (var round = 0; round < rounds; round++)
        {
            var entries = Enumerable.Range(0, perRound).Select(i => entry with { At = entry.At.AddTicks(((long)round * perRound) + i) }).ToArray();
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            foreach (var e in entries)
            {
                log.Append(e);
            }

            var appended = Process.GetCurrentProcess().TotalProcessorTime;
            var imported = LedgerLog.ImportPending(reader);
            var after = Process.GetCurrentProcess().TotalProcessorTime;
            append.Add((appended - before).TotalMicroseconds / perRound);
            import.Add((after - appended).TotalMicroseconds / imported);
            Console.WriteLine($"round {round + 1}: {imported} records, append {append[^1]:0.000} us, import {import[^1]:0.000} us CPU per record");
        }
    }

    static double Median(List<double> xs)
    {
        var s = xs.Skip(2).Order().ToList();
        return s.Count == 0 ? double.NaN : s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
    }

    Console.WriteLine($"median of rounds 3-{rounds}: append {Median(append):0.000} us, import {Median(import):0.000} us CPU per record");
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}
