namespace Parity.Arena;

/// <summary>
/// Votes collapsed to counts per pair of models: for each pair (i, j) with i &lt; j, how often i
/// won, how often they tied (both kinds) and how often j won. Every rating method except online
/// Elo and style control needs nothing more, so a fit never touches single votes.
/// </summary>
public sealed class VoteTable
{
    internal VoteTable(IReadOnlyList<string> models, int[] pairI, int[] pairJ, int[] winsI, int[] ties, int[] winsJ)
    {
        Models = models;
        PairI = pairI;
        PairJ = pairJ;
        WinsI = winsI;
        Ties = ties;
        WinsJ = winsJ;
        Votes = new int[models.Count];
        for (var p = 0; p < pairI.Length; p++)
        {
            var n = winsI[p] + ties[p] + winsJ[p];
            Votes[pairI[p]] += n;
            Votes[pairJ[p]] += n;
            TotalVotes += n;
        }
    }

    /// <summary>Model names; a model's index is its position here.</summary>
    public IReadOnlyList<string> Models { get; }

    /// <summary>Battles per model (as a or b).</summary>
    public int[] Votes { get; }

    /// <summary>All battles.</summary>
    public long TotalVotes { get; }

    internal int[] PairI { get; }
    internal int[] PairJ { get; }
    internal int[] WinsI { get; }
    internal int[] Ties { get; }
    internal int[] WinsJ { get; }

    /// <summary>The number of pairs of models that met at least once.</summary>
    public int PairCount => PairI.Length;

    /// <summary>Builds a table from explicit counts (tests, synthetic data).</summary>
    public static VoteTable FromCounts(IReadOnlyList<string> models, IEnumerable<(string A, string B, int WinsA, int Ties, int WinsB)> counts)
    {
        var index = models.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i, StringComparer.Ordinal);
        var cells = new Dictionary<(int, int), (int W, int T, int L)>();
        foreach (var (a, b, wa, t, wb) in counts)
        {
            var i = index[a];
            var j = index[b];
            if (i == j)
            {
                continue;
            }

            var (lo, hi, wLo, wHi) = i < j ? (i, j, wa, wb) : (j, i, wb, wa);
            var c = cells.GetValueOrDefault((lo, hi));
            cells[(lo, hi)] = (c.W + wLo, c.T + t, c.L + wHi);
        }

        var keys = cells.Keys.Order().ToArray();
        return new VoteTable(
            models,
            keys.Select(k => k.Item1).ToArray(),
            keys.Select(k => k.Item2).ToArray(),
            keys.Select(k => cells[k].W).ToArray(),
            keys.Select(k => cells[k].T).ToArray(),
            keys.Select(k => cells[k].L).ToArray());
    }

    internal int IndexOf(string model)
    {
        for (var i = 0; i < Models.Count; i++)
        {
            if (string.Equals(Models[i], model, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
