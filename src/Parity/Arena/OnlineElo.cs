namespace Parity.Arena;

/// <summary>
/// LMArena's 2023 online Elo: one pass over the battles, <c>E_a = 1/(1 + base^((R_b − R_a)/scale))</c>,
/// <c>R_a += K(S_a − E_a)</c>, <c>R_b −= K(S_a − E_a)</c>, ties of both kinds scoring 0.5.
/// </summary>
public static class OnlineElo
{
    /// <summary>Ratings after playing the battles in the given order.</summary>
    /// <param name="models">Number of models.</param>
    /// <param name="modelA">First model of each battle.</param>
    /// <param name="modelB">Second model of each battle.</param>
    /// <param name="outcomes">The results.</param>
    /// <param name="k">Step size (LMArena: 4).</param>
    /// <param name="logBase">Base (10).</param>
    /// <param name="scale">Scale (400).</param>
    /// <param name="initial">Initial rating (1000).</param>
    public static double[] Compute(int models, IReadOnlyList<int> modelA, IReadOnlyList<int> modelB, IReadOnlyList<BattleOutcome> outcomes, double k = 4, double logBase = 10, double scale = 400, double initial = 1000)
    {
        var ratings = Enumerable.Repeat(initial, models).ToArray();
        for (var r = 0; r < modelA.Count; r++)
        {
            Play(ratings, modelA[r], modelB[r], Score(outcomes[r]), k, logBase, scale);
        }

        return ratings;
    }

    internal static double Score(BattleOutcome outcome) => outcome switch
    {
        BattleOutcome.ModelA => 1,
        BattleOutcome.ModelB => 0,
        _ => 0.5,
    };

    internal static void Play(double[] ratings, int a, int b, double scoreA, double k, double logBase, double scale)
    {
        var expected = 1 / (1 + Math.Pow(logBase, (ratings[b] - ratings[a]) / scale));
        var update = k * (scoreA - expected);
        ratings[a] += update;
        ratings[b] -= update;
    }

    /// <summary>The order LMArena plays battles in: by timestamp when every battle has one (stable), else file order.</summary>
    internal static int[] Order(VoteSequence sequence)
    {
        var order = Enumerable.Range(0, sequence.Count).ToArray();
        if (sequence.Count > 0 && sequence.Tstamp.All(t => !double.IsNaN(t)))
        {
            var keys = sequence.Tstamp.ToArray();
            order = order.OrderBy(i => keys[i]).ToArray(); // LINQ OrderBy is stable
        }

        return order;
    }
}
