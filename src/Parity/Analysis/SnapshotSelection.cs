namespace Parity.Analysis;

/// <summary>
/// Picks one source per era, as <c>METHOD.md</c> §3 of the arena data recommends, so that no date mixes
/// rating methods: utterstep for 2023 (displayed bootstrap-median Elo, BT from Dec 2023), jasontrigg0 for
/// 2024-03-27 → 2024-06-18 (BT, mixtral = 1114), fboulnois for 2024-06-19 → 2025-08-04 (BT with CIs and votes),
/// then LMArena's arena-catalog. On the style-controlled board arena-catalog has no commit between
/// 2025-05-24 and 2025-11-05; the kevinschaul scrape of lmarena.ai fills the dates it lacks. Rows marked as not the
/// displayed score (jasontrigg0 online Elo before 2024-03-27) are never used.
/// (Both style-control sources publish the same displayed board, so dates are filled from the scrape where LMArena's own file has none.)
/// </summary>
public static class SnapshotSelection
{
    /// <summary>One era: a date range and the sources (substrings of <see cref="RatingSnapshot.Source"/>) used in it, preferred first.</summary>
    public sealed record Era(DateOnly From, DateOnly To, string Source, string? Fallback = null);

    /// <summary>The eras of the raw text board.</summary>
    public static IReadOnlyList<Era> TextEras { get; } =
    [
        new(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31), "utterstep"),
        new(new DateOnly(2024, 3, 27), new DateOnly(2024, 6, 18), "jasontrigg0"),
        new(new DateOnly(2024, 6, 19), new DateOnly(2025, 8, 4), "fboulnois"),
        new(new DateOnly(2025, 8, 5), new DateOnly(2099, 12, 31), "arena-catalog"),
    ];

    /// <summary>The eras of the style-controlled text board.</summary>
    public static IReadOnlyList<Era> StyleControlEras { get; } =
    [
        new(new DateOnly(2025, 1, 1), new DateOnly(2099, 12, 31), "arena-catalog", "kevinschaul"),
    ];

    /// <summary>The eras for a board name (<c>text</c> or <c>text-style-control</c>).</summary>
    public static IReadOnlyList<Era> ErasOf(string board) =>
        board.Contains("style", StringComparison.OrdinalIgnoreCase) ? StyleControlEras : TextEras;

    /// <summary>
    /// Keeps, for each date, the snapshot of that era's source (at most one per date, the one with most
    /// models when a source has two), drops snapshots outside every era and those not on or before
    /// <paramref name="asOf"/>.
    /// </summary>
    public static IReadOnlyList<RatingSnapshot> OnePerEra(IEnumerable<RatingSnapshot> snapshots, string board, DateOnly? asOf = null)
    {
        var eras = ErasOf(board);
        return snapshots
            .Where(s => asOf is null || s.Date <= asOf)
            .Where(s => !s.Method.Contains("NOT the displayed", StringComparison.OrdinalIgnoreCase))
            .Select(s => (Snapshot: s, Rank: Rank(eras, s)))
            .Where(x => x.Rank < 2)
            .GroupBy(x => x.Snapshot.Date)
            .Select(g => g.OrderBy(x => x.Rank).ThenByDescending(x => x.Snapshot.Models.Count).First().Snapshot)
            .OrderBy(s => s.Date)
            .ToList();
    }

    /// <summary>0 for the era's source, 1 for its fallback, 2 when the snapshot belongs to no era.</summary>
    private static int Rank(IReadOnlyList<Era> eras, RatingSnapshot s)
    {
        foreach (var e in eras.Where(e => s.Date >= e.From && s.Date <= e.To))
        {
            if (s.Source.Contains(e.Source, StringComparison.OrdinalIgnoreCase))
            {
                return 0;
            }

            if (e.Fallback is not null && s.Source.Contains(e.Fallback, StringComparison.OrdinalIgnoreCase))
            {
                return 1;
            }
        }

        return 2;
    }
}
