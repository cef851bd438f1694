using Parity.Analysis;

namespace Parity.Claims;

/// <summary>
/// <c>rank-top-n</c>: the best model of each named family (a list of key patterns) ranks within the top <c>n</c>
/// of the board. A family's rank is 1 + the number of models outside it rated higher.
/// </summary>
public sealed class RankTopNClaim : ClaimTest
{
    public required string Board { get; init; }

    public DateOnly? Date { get; init; }

    /// <summary>Families, each a list of key patterns (e.g. <c>qwen3*</c>).</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Families { get; init; }

    public override IEnumerable<(string Field, string Name)> ModelNames => Families.SelectMany(f => f).Select(m => ("families", m));

    public override IEnumerable<DateTimeOffset> ChangeMoments(ClaimData data) => BoardMoments(data, Board, Date);

    public required int N { get; init; }

    /// <summary>Monte Carlo draws.</summary>
    public const int Draws = 4000;

    public override ReadingResult Check(ClaimData data)
    {
        var snapshot = data.Snapshot(this, Board, Date);
        var models = snapshot.Models;
        var families = Families
            .Select(f => f.SelectMany(p => data.Models(this, snapshot, p)).Select(m => IndexOf(models, m)).Distinct().ToHashSet())
            .ToList();

        var evidence = new List<ClaimEvidence>();
        var allInTop = true;
        for (var f = 0; f < families.Count; f++)
        {
            var best = families[f].Select(i => models[i]).MaxBy(m => m.Rating)!;
            var rank = 1 + models.Where((m, i) => !families[f].Contains(i) && m.Rating > best.Rating).Count();
            var rankUb = 1 + models.Where((m, i) => !families[f].Contains(i) && m.Lower > best.Upper).Count();
            allInTop &= rank <= N;
            var e = ClaimText.Evidence(best, snapshot);
            evidence.Add(e with { Text = $"{string.Join("/", Families[f])}: best is {e.Text}; rank by score {rank}, rank by interval (LMArena 'Rank UB') {rankUb} of {models.Count}" });
        }

        var random = new Random(20251117);
        var hits = 0;
        var drawn = new double[models.Count];
        for (var d = 0; d < Draws; d++)
        {
            for (var i = 0; i < models.Count; i++)
            {
                drawn[i] = models[i].Rating + (models[i].StandardError ?? 0) * RatingMath.NextGaussian(random);
            }

            var ok = true;
            foreach (var family in families)
            {
                var best = family.Max(i => drawn[i]);
                var above = 0;
                for (var i = 0; i < drawn.Length && above < N; i++)
                {
                    if (!family.Contains(i) && drawn[i] > best)
                    {
                        above++;
                    }
                }

                if (above >= N)
                {
                    ok = false;
                    break;
                }
            }

            hits += ok ? 1 : 0;
        }

        var probability = hits / (double)Draws;
        var summary = allInTop
            ? $"Every family's best model ranks in the top {N} of {models.Count} on the {snapshot.Board} board of {snapshot.Date:yyyy-MM-dd}."
            : $"Not every family's best model ranks in the top {N} of {models.Count} on the {snapshot.Board} board of {snapshot.Date:yyyy-MM-dd}.";
        return ReadingResult.FromProbability(this, probability, summary,
            $"Monte Carlo: {Draws} draws of every rating on the board from normals with the SE of its 95% interval; P = share of draws in which each family's best ranks ≤ {N}", evidence);
    }

    private static int IndexOf(IReadOnlyList<RatedModel> models, RatedModel model)
    {
        for (var i = 0; i < models.Count; i++)
        {
            if (ReferenceEquals(models[i], model))
            {
                return i;
            }
        }

        return -1;
    }
}
