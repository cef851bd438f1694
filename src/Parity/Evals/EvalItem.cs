namespace Parity.Evals;

/// <summary>One benchmark item: the prompt as sent, the reference answer and whatever the scorer needs.</summary>
/// <param name="Id">Stable id within the suite (for GSM8K the test-set row, for MGSM <c>lang/row</c>, …).</param>
/// <param name="Prompt">The user message, already rendered from the suite's template.</param>
/// <param name="Reference">The gold answer (number, letter, or test code for code suites).</param>
/// <param name="Fields">Extra scorer inputs (e.g. <c>entry_point</c>, <c>language</c>); empty when none.</param>
public sealed record EvalItem(string Id, string Prompt, string Reference, IReadOnlyDictionary<string, string> Fields)
{
    public EvalItem(string id, string prompt, string reference)
        : this(id, prompt, reference, EmptyFields) { }

    internal static readonly IReadOnlyDictionary<string, string> EmptyFields = new Dictionary<string, string>();

    /// <summary>An extra field, or null.</summary>
    public string? Field(string name) => Fields.TryGetValue(name, out var v) ? v : null;
}
