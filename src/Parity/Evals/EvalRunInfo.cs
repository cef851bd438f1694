namespace Parity.Evals;

/// <summary>A stored run: its name, suite and the settings it was started with (JSON).</summary>
public sealed record EvalRunInfo(long Id, string Name, string Suite, string Scorer, string CreatedAt, string Settings);
