namespace Parity.Routing;

/// <summary>Per-item outcomes of several models on the same prompts: what a router learns from.</summary>
/// <param name="Source">The file or folder read.</param>
/// <param name="Models">The models, in the order of <see cref="OutcomeItem.Scores"/>.</param>
/// <param name="Items">The items kept.</param>
/// <param name="DroppedContaminated">Items dropped because their prompt is on a contamination list.</param>
/// <param name="ContaminationList">The list used, or null when none was found or given.</param>
/// <param name="Sha256">SHA-256 of the file read (of the correctness matrix for a folder), for the router file's provenance.</param>
internal sealed record OutcomeSet(string Source, IReadOnlyList<string> Models, IReadOnlyList<OutcomeItem> Items, int DroppedContaminated, string? ContaminationList, string Sha256)
{
    /// <summary>The benchmark the items come from, the first part of their ids (<c>gsm8k</c>, <c>mmlu</c>, …).</summary>
    public string Benchmark => Items.Count == 0 ? "" : Items[0].Id.Split('/')[0];

    /// <summary>The index of a model named exactly, or failing that the one model whose name contains the text (case-insensitive).</summary>
    public int IndexOf(string name, string option)
    {
        var exact = Models.ToList().FindIndex(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase));
        if (exact >= 0)
        {
            return exact;
        }

        var partial = Models.Select((m, i) => (m, i)).Where(p => p.m.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
        return partial.Count switch
        {
            1 => partial[0].i,
            0 => throw new ParityException($"{Source}: {option} '{name}' is not one of its models ({string.Join(", ", Models)})."),
            _ => throw new ParityException($"{Source}: {option} '{name}' matches {partial.Count} models ({string.Join(", ", partial.Select(p => p.m))}); name one exactly."),
        };
    }

    /// <summary>The items where both models have a record.</summary>
    public IReadOnlyList<OutcomeItem> Paired(int strong, int weak) =>
        Items.Where(i => i.Scores[strong] is not null && i.Scores[weak] is not null).ToList();
}
