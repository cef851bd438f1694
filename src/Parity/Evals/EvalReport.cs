namespace Parity.Evals;

/// <summary>A run's results: one line per model and a paired comparison of every two models.</summary>
public sealed record EvalReport(
    EvalRunInfo Run,
    IReadOnlyList<ModelResultSummary> Models,
    IReadOnlyList<PairedComparison> Pairs);
