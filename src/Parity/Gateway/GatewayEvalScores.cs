using System.Globalization;
using Parity.Evals;
using Parity.Storage;

namespace Parity.Gateway;

/// <summary>
/// Benchmark accuracies from Parity's own eval runs for <c>cheapest-meeting</c> routes: the store
/// <c>parity eval run</c> wrote to is opened at config load, only when a route needs it, and read once.
/// A model is matched by its <c>evalModel</c> when the config gives one, else by
/// <c>provider:upstreamModel</c>, else by a recorded model whose part after the provider is the upstream
/// model (when exactly one is). Accuracy and interval are the eval report's (<see cref="EvalReportBuilder"/>).
/// </summary>
internal sealed class GatewayEvalScores(string path) : IDisposable
{
    private ParityStore? store;
    private EvalStore? evals;
    private IReadOnlyList<EvalRunInfo>? runs;
    private readonly Dictionary<long, IReadOnlyList<string>> modelsByRun = [];

    /// <summary>The store's full path, for messages.</summary>
    public string Location { get; } = Path.GetFullPath(path);

    /// <summary>Every run in the store, oldest first (none when the file does not exist).</summary>
    public IReadOnlyList<EvalRunInfo> Runs
    {
        get
        {
            if (runs is null)
            {
                if (File.Exists(Location))
                {
                    store = ParityStore.OpenSqlite(Location);
                    evals = new EvalStore(store);
                    runs = evals.Runs();
                }
                else
                {
                    runs = [];
                }
            }

            return runs;
        }
    }

    /// <summary>Whether some run in the store is of <paramref name="suite"/>.</summary>
    public bool HasSuite(string suite) => Runs.Any(r => string.Equals(r.Suite, suite, StringComparison.OrdinalIgnoreCase));

    /// <summary>The run with this name, or null.</summary>
    public EvalRunInfo? FindRun(string name) => Runs.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));

    /// <summary>What the store holds, for messages: its runs' names or suites, or that it is empty or missing.</summary>
    public string Describe(bool names)
    {
        if (!File.Exists(Location))
        {
            return $"the eval store '{Location}' does not exist";
        }

        if (Runs.Count == 0)
        {
            return $"the eval store '{Location}' has no runs";
        }

        return names
            ? $"runs in '{Location}': {string.Join(", ", Runs.Select(r => r.Name))}"
            : $"suites with runs in '{Location}': {string.Join(", ", Runs.Select(r => r.Suite).Distinct(StringComparer.OrdinalIgnoreCase))}";
    }

    /// <summary>
    /// The model's accuracy on <paramref name="suite"/>: from <paramref name="run"/> when given, else from the
    /// newest run of the suite that scored it. Returns the reason instead when there is none.
    /// </summary>
    public (EvalBarScore? Score, string? Missing) Find(string suite, GatewayModel model, EvalRunInfo? run)
    {
        var candidates = run is not null
            ? [run]
            : Runs.Where(r => string.Equals(r.Suite, suite, StringComparison.OrdinalIgnoreCase)).OrderByDescending(r => r.Id).ToList();
        var wanted = model.EvalModel ?? $"{model.Provider.Name}:{model.UpstreamModel}";
        var lookedFor = model.EvalModel is null ? $"'{wanted}' (or another provider's '{model.UpstreamModel}')" : $"'{wanted}'";
        foreach (var r in candidates)
        {
            var answered = ModelsAnswered(r.Id);
            var name = answered.FirstOrDefault(m => string.Equals(m, wanted, StringComparison.OrdinalIgnoreCase));
            if (name is null && model.EvalModel is null)
            {
                var sameModel = answered.Where(m => string.Equals(ModelPart(m), model.UpstreamModel, StringComparison.OrdinalIgnoreCase)).ToList();
                if (sameModel.Count > 1)
                {
                    return (null, $"no {suite} score in its quality, and eval run '{r.Name}' scored several models that could be it ({string.Join(", ", sameModel)}); give it evalModel");
                }

                name = sameModel.SingleOrDefault();
            }

            if (name is null)
            {
                continue;
            }

            var summary = EvalReportBuilder.Build(r, evals!.Results(r.Id, name)).Models.Single();
            return (new EvalBarScore(suite, summary.Accuracy, summary.AccuracyLow, summary.AccuracyHigh, summary.Items, summary.Errors, r.Name, Day(r.CreatedAt), name), null);
        }

        if (run is not null)
        {
            var scored = ModelsAnswered(run.Id);
            return (null, $"no {suite} score in its quality, and eval run '{run.Name}' has no answers from {lookedFor} (it scored: {(scored.Count == 0 ? "no model" : string.Join(", ", scored))}); give it evalModel if the run named it otherwise");
        }

        return (null, candidates.Count == 0
            ? $"no {suite} score in its quality, and no eval run of {suite} is in '{Location}'"
            : $"no {suite} score in its quality, and none of the {candidates.Count} {suite} runs in '{Location}' has answers from {lookedFor}; give it evalModel if the runs named it otherwise");
    }

    private IReadOnlyList<string> ModelsAnswered(long runId)
    {
        if (!modelsByRun.TryGetValue(runId, out var models))
        {
            models = evals!.ModelsAnswered(runId);
            modelsByRun[runId] = models;
        }

        return models;
    }

    private static string ModelPart(string address)
    {
        var colon = address.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? address : address[(colon + 1)..];
    }

    private static string Day(string createdAt) =>
        DateTimeOffset.TryParse(createdAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : createdAt;

    public void Dispose() => store?.Dispose();
}
