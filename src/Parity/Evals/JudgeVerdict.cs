namespace Parity.Evals;

/// <summary>What the judge said about the answer shown first and the answer shown second.</summary>
public enum JudgeVerdict
{
    /// <summary>No verdict could be read.</summary>
    None,
    First,
    Second,
    Tie,
}
