using System.Data.Common;
using Dapper;
using Parity.Storage;

namespace Parity.Evals;

/// <summary>Runs and per-call results in the Parity store.</summary>
public sealed class EvalStore
{
    private const string Columns =
        "r.model AS Model, r.item_id AS ItemId, r.sample AS Sample, r.status AS Status, q.request AS Request, r.reference AS Reference, " +
        "completion AS Completion, finish_reason AS FinishReason, prompt_tokens AS PromptTokens, completion_tokens AS CompletionTokens, " +
        "cached_tokens AS CachedTokens, reasoning_tokens AS ReasoningTokens, latency_ms AS LatencyMs, attempts AS Attempts, " +
        "cost_usd AS CostUsd, score AS Score, extracted AS Extracted, error AS Error, called_at AS CalledAt";

    /// <summary>Results with their requests, for the <c>Results</c> queries to filter and order.</summary>
    private const string SelectResults = $"SELECT {Columns} FROM eval_results r JOIN eval_requests q ON q.run_id = r.run_id AND q.item_id = r.item_id ";

    public EvalStore(ParityStore store)
    {
        Store = store;
    }

    public ParityStore Store { get; }

    private DbConnection Db => Store.Connection;

    /// <summary>The run with this name, creating it when new. Resuming with another suite is an error.</summary>
    public EvalRunInfo OpenRun(string name, string suite, string scorer, string settings)
    {
        var existing = FindRun(name);
        if (existing is not null)
        {
            if (!string.Equals(existing.Suite, suite, StringComparison.Ordinal))
            {
                throw new ParityException($"Run '{name}' already exists for suite '{existing.Suite}', not '{suite}'; choose another --run name.");
            }

            return existing;
        }

        Db.Execute(
            "INSERT INTO eval_runs (name, suite, scorer, created_at, settings) VALUES (@name, @suite, @scorer, @at, @settings)",
            new { name, suite, scorer, at = DateTimeOffset.UtcNow.ToString("O"), settings });
        return FindRun(name)!;
    }

    public EvalRunInfo? FindRun(string name) =>
        Db.QuerySingleOrDefault<EvalRunInfo>(
            "SELECT id AS Id, name AS Name, suite AS Suite, scorer AS Scorer, created_at AS CreatedAt, settings AS Settings FROM eval_runs WHERE name = @name",
            new { name });

    /// <summary>The run by name, or an error that lists the runs there are.</summary>
    public EvalRunInfo GetRun(string name)
    {
        var run = FindRun(name);
        if (run is not null)
        {
            return run;
        }

        var names = Runs().Select(r => r.Name).ToList();
        throw new ParityException(names.Count == 0
            ? $"No run named '{name}' in the store '{Store.Location}' (it has no runs yet)."
            : $"No run named '{name}' in the store '{Store.Location}'. Runs: {string.Join(", ", names)}.");
    }

    public IReadOnlyList<EvalRunInfo> Runs() =>
        Db.Query<EvalRunInfo>("SELECT id AS Id, name AS Name, suite AS Suite, scorer AS Scorer, created_at AS CreatedAt, settings AS Settings FROM eval_runs ORDER BY id").AsList();

    /// <summary>The (model, item, sample) triples that already have an answer: a resumed run skips them.</summary>
    public HashSet<(string Model, string ItemId, int Sample)> Answered(long runId) =>
        Db.Query<(string, string, int)>(
            "SELECT model, item_id, sample FROM eval_results WHERE run_id = @runId AND status = 'ok'", new { runId }).ToHashSet();

    /// <summary>Dollars spent so far in the run (known costs only) and how many answered calls have no known cost.</summary>
    public (decimal Known, long UnknownCalls) Spent(long runId)
    {
        var row = Db.QuerySingle<(double? Known, long Unknown)>(
            "SELECT SUM(cost_usd), SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) FROM eval_results WHERE run_id = @runId AND status = 'ok'",
            new { runId });
        return ((decimal)(row.Known ?? 0), row.Unknown);
    }

    public IReadOnlyList<EvalResultRecord> Results(long runId) =>
        Db.Query<EvalResultRecord>(SelectResults + "WHERE r.run_id = @runId ORDER BY r.model, r.item_id, r.sample", new { runId }).AsList();

    /// <summary>The models that have at least one answered (scored) call in the run, in name order.</summary>
    public IReadOnlyList<string> ModelsAnswered(long runId) =>
        Db.Query<string>("SELECT DISTINCT model FROM eval_results WHERE run_id = @runId AND status = 'ok' ORDER BY model", new { runId }).AsList();

    /// <summary>One model's results in the run (what <see cref="EvalReportBuilder"/> summarizes for that model).</summary>
    public IReadOnlyList<EvalResultRecord> Results(long runId, string model) =>
        Db.Query<EvalResultRecord>(SelectResults + "WHERE r.run_id = @runId AND r.model = @model ORDER BY r.item_id, r.sample", new { runId, model }).AsList();

    /// <summary>
    /// Writes results in one transaction (inserting, or replacing an earlier failed attempt, whose
    /// calls are added to the new one's so that <c>attempts</c> counts every call made for the row). The
    /// request of an item is stored once per run, with the first result for that item;
    /// <paramref name="requestWritten"/> remembers which items have theirs (pass null to check every row).
    /// </summary>
    public void Write(long runId, IReadOnlyList<EvalResultRecord> batch, HashSet<string>? requestWritten = null)
    {
        if (batch.Count == 0)
        {
            return;
        }

        using var tx = Db.BeginTransaction();
        using (var requests = Db.CreateCommand())
        {
            requests.Transaction = tx;
            requests.CommandText = "INSERT INTO eval_requests (run_id, item_id, request) VALUES (@r, @i, @q) ON CONFLICT (run_id, item_id) DO NOTHING";
            var (pr, pi, pq) = (requests.CreateParameter(), requests.CreateParameter(), requests.CreateParameter());
            (pr.ParameterName, pi.ParameterName, pq.ParameterName) = ("@r", "@i", "@q");
            requests.Parameters.Add(pr);
            requests.Parameters.Add(pi);
            requests.Parameters.Add(pq);
            requests.Prepare();
            pr.Value = runId;
            foreach (var r in batch)
            {
                if (requestWritten is null || requestWritten.Add(r.ItemId))
                {
                    pi.Value = r.ItemId;
                    pq.Value = r.Request;
                    requests.ExecuteNonQuery();
                }
            }
        }

        using var cmd = Db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText =
            "INSERT INTO eval_results (run_id, model, item_id, sample, status, reference, completion, finish_reason, " +
            "prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, latency_ms, attempts, cost_usd, score, extracted, error, called_at) " +
            "VALUES (@p0, @p1, @p2, @p3, @p4, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17, @p18, @p19) " +
            "ON CONFLICT (run_id, model, item_id, sample) DO UPDATE SET status = excluded.status, " +
            "reference = excluded.reference, completion = excluded.completion, finish_reason = excluded.finish_reason, " +
            "prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens, cached_tokens = excluded.cached_tokens, " +
            "reasoning_tokens = excluded.reasoning_tokens, latency_ms = excluded.latency_ms, attempts = eval_results.attempts + excluded.attempts, " +
            "cost_usd = excluded.cost_usd, score = excluded.score, extracted = excluded.extracted, error = excluded.error, called_at = excluded.called_at";
        var p = new DbParameter[20];
        for (var i = 0; i < p.Length; i++)
        {
            if (i == 5)
            {
                continue; // the request lives in eval_requests
            }

            p[i] = cmd.CreateParameter();
            p[i].ParameterName = "@p" + i;
            cmd.Parameters.Add(p[i]);
        }

        cmd.Prepare();
        foreach (var r in batch)
        {
            p[0].Value = runId;
            p[1].Value = r.Model;
            p[2].Value = r.ItemId;
            p[3].Value = r.Sample;
            p[4].Value = r.Status;
            p[6].Value = r.Reference;
            p[7].Value = (object?)r.Completion ?? DBNull.Value;
            p[8].Value = (object?)r.FinishReason ?? DBNull.Value;
            p[9].Value = (object?)r.PromptTokens ?? DBNull.Value;
            p[10].Value = (object?)r.CompletionTokens ?? DBNull.Value;
            p[11].Value = (object?)r.CachedTokens ?? DBNull.Value;
            p[12].Value = (object?)r.ReasoningTokens ?? DBNull.Value;
            p[13].Value = (object?)r.LatencyMs ?? DBNull.Value;
            p[14].Value = r.Attempts;
            p[15].Value = (object?)r.CostUsd ?? DBNull.Value;
            p[16].Value = (object?)r.Score ?? DBNull.Value;
            p[17].Value = (object?)r.Extracted ?? DBNull.Value;
            p[18].Value = (object?)r.Error ?? DBNull.Value;
            p[19].Value = r.CalledAt;
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <summary>Replaces the scores of stored answers (re-scoring without calling any model).</summary>
    public void UpdateScores(long runId, IReadOnlyList<(string Model, string ItemId, int Sample, double Score, string? Extracted)> scores)
    {
        using var tx = Db.BeginTransaction();
        Db.Execute(
            "UPDATE eval_results SET score = @Score, extracted = @Extracted WHERE run_id = @runId AND model = @Model AND item_id = @ItemId AND sample = @Sample",
            scores.Select(s => new { runId, s.Model, s.ItemId, s.Sample, s.Score, s.Extracted }),
            tx);
        tx.Commit();
    }
}
