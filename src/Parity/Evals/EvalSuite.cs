namespace Parity.Evals;

/// <summary>
/// A benchmark: its items with their prompts already rendered from the suite's template, and the
/// scorer that reads answers the way that template asks for them. The two travel together.
/// </summary>
public sealed record EvalSuite
{
    /// <summary>The name used on the command line and in the store, e.g. <c>gsm8k</c> or <c>mgsm-zh</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One line: what it is and how it is prompted and scored.</summary>
    public required string Description { get; init; }

    /// <summary>The data's licence, with a warning when it restricts use.</summary>
    public required string Licence { get; init; }

    /// <summary>The items, in the suite's canonical order.</summary>
    public required IReadOnlyList<EvalItem> Items { get; init; }

    /// <summary>Scores completions.</summary>
    public required IScorer Scorer { get; init; }

    /// <summary>The suite name recordings are filed under for <c>replay:</c> models (null: none).</summary>
    public string? ReplaySuite { get; init; }

    /// <summary>Output-token cap sent with each request; null leaves it to the provider.</summary>
    public int? MaxTokens { get; init; }
}
