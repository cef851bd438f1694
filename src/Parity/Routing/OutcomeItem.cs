namespace Parity.Routing;

/// <summary>One prompt and how each model did on it.</summary>
/// <param name="Id">The item's id in its benchmark (e.g. <c>gsm8k/test/17</c>).</param>
/// <param name="Prompt">The prompt text the router sees.</param>
/// <param name="Scores">One score per model of the set, in [0, 1] (1 = correct); null where the model has no record.</param>
/// <param name="Costs">The recorded cost in USD of each model's call on this prompt, in the order of <paramref name="Scores"/>; null when the data records no costs.</param>
internal sealed record OutcomeItem(string Id, string Prompt, double?[] Scores, double?[]? Costs = null);
