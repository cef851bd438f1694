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
}
