namespace Parity.Evals;

/// <summary>How an invocation of a run ended.</summary>
/// <param name="Run">The stored run.</param>
/// <param name="Progress">Final counters per model.</param>
/// <param name="StoppedAtMaxCost">True when calls were left undone because the run reached <c>--max-cost</c>.</param>
/// <param name="SpentUsd">Known spend of the whole run (earlier invocations included).</param>
/// <param name="Elapsed">Wall time of this invocation.</param>
public sealed record EvalRunSummary(EvalRunInfo Run, IReadOnlyList<EvalModelProgress> Progress, bool StoppedAtMaxCost, decimal SpentUsd, TimeSpan Elapsed)
{
    /// <summary>Answered calls with no known cost, over all models.</summary>
    public long UnknownCostCalls => Progress.Sum(p => p.UnknownCostCalls);

    /// <summary>
    /// Models for which every call errored: calls were made and none of the run's items has an answer
    /// from them, in this invocation or an earlier one. Their accuracy is not a measurement.
    /// </summary>
    public IReadOnlyList<EvalModelProgress> FailedModels => [.. Progress.Where(p => p.Errors > 0 && p.AlreadyDone + p.Done == 0)];
}
