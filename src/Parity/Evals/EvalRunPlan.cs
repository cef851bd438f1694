using Parity.Providers;

namespace Parity.Evals;

/// <summary>A run ready to execute: the stored run, the models, and the calls that remain.</summary>
public sealed class EvalRunPlan
{
    internal EvalRunPlan(
        EvalRunOptions options,
        EvalRunInfo run,
        IReadOnlyList<IChatModel> models,
        IReadOnlyList<EvalModelProgress> progress,
        IReadOnlyList<EvalRunner.WorkItem> work,
        IReadOnlyList<string> requestJson,
        decimal alreadySpent)
    {
        Options = options;
        Run = run;
        Models = models;
        Progress = progress;
        Work = work;
        RequestJson = requestJson;
        AlreadySpent = alreadySpent;
    }

    public EvalRunOptions Options { get; }

    public EvalRunInfo Run { get; }

    public IReadOnlyList<IChatModel> Models { get; }

    /// <summary>Live counters, one per model, in the order the models were given.</summary>
    public IReadOnlyList<EvalModelProgress> Progress { get; }

    /// <summary>Calls still to make.</summary>
    public int Remaining => Work.Count;

    /// <summary>Known spend of earlier invocations of this run.</summary>
    public decimal AlreadySpent { get; }

    internal IReadOnlyList<EvalRunner.WorkItem> Work { get; }

    internal IReadOnlyList<string> RequestJson { get; }
}
