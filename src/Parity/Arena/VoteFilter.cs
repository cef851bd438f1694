namespace Parity.Arena;

/// <summary>
/// Which battles enter a fit, as LMArena filters its logs. Each filter applies only when the
/// file has the field it needs; asking for a filter the file cannot support is an error.
/// </summary>
public sealed record VoteFilter
{
    /// <summary>Keep only anonymous battles (<c>anony</c> true) — LMArena's leaderboard rule. On by default.</summary>
    public bool AnonymousOnly { get; init; } = true;

    /// <summary>Keep only rows with <c>dedup_tag.sampled</c> true (LMArena's prompt de-duplication). On by default.</summary>
    public bool DeduplicatedOnly { get; init; } = true;

    /// <summary>Keep only these languages (the <c>language</c> field, case-insensitive); empty keeps all.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>First day (UTC) to keep, by <c>tstamp</c>.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day (UTC, inclusive) to keep, by <c>tstamp</c>.</summary>
    public DateOnly? To { get; init; }

    /// <summary>An LMArena category (see <see cref="ArenaCategory"/>); null or <c>full</c> keeps all.</summary>
    public string? Category { get; init; }

    /// <summary>Drop battles of models that appear in fewer battles than this (after the other filters).</summary>
    public int MinVotes { get; init; }
}
