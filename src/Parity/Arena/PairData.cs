namespace Parity.Arena;

/// <summary>
/// The sufficient statistics of a Bradley–Terry fit: for each pair (i, j), the number of battles
/// n and i's score s (wins + half the ties). Bootstrap replicates share the pairs and change n and s.
/// </summary>
internal sealed class PairData
{
    public PairData(int models, int[] i, int[] j, double[] n, double[] s)
    {
        Models = models;
        I = i;
        J = j;
        N = n;
        S = s;
    }

    public int Models { get; }
    public int[] I { get; }
    public int[] J { get; }
    public double[] N { get; }
    public double[] S { get; }

    public double Total => N.Sum();

    public static PairData From(VoteTable table)
    {
        var count = table.PairCount;
        var n = new double[count];
        var s = new double[count];
        for (var p = 0; p < count; p++)
        {
            n[p] = table.WinsI[p] + table.Ties[p] + table.WinsJ[p];
            s[p] = table.WinsI[p] + 0.5 * table.Ties[p];
        }

        return new PairData(table.Models.Count, table.PairI, table.PairJ, n, s);
    }
}
