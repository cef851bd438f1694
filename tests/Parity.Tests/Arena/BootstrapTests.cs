using Parity.Arena;

namespace Parity.Tests.Arena;

public class BootstrapTests
{
    [Fact]
    public void Same_seed_gives_the_same_intervals_whatever_the_thread_count()
    {
        var votes = VoteLoader.Load(SharedData.PathOf("arena/battles/elobench_chatbot_arena_conversations_en_singleturn.csv"), VoteFileFormat.Auto, new VoteFilter());
        var one = ArenaRater.Rate(votes, new ArenaRatingOptions { BootstrapRounds = 40, Seed = 7, Parallelism = 1 });
        var two = ArenaRater.Rate(votes, new ArenaRatingOptions { BootstrapRounds = 40, Seed = 7, Parallelism = 2 });
        var other = ArenaRater.Rate(votes, new ArenaRatingOptions { BootstrapRounds = 40, Seed = 8 });
        one.Ratings.Select(r => (r.Lower, r.Upper)).ShouldBe(two.Ratings.Select(r => (r.Lower, r.Upper)));
        one.Ratings.Select(r => r.Lower).ShouldNotBe(other.Ratings.Select(r => r.Lower));
        // The point estimate is the full-data fit, inside its interval.
        foreach (var r in one.Ratings)
        {
            r.Rating.ShouldBeInRange(r.Lower!.Value, r.Upper!.Value);
        }
    }

    [Fact]
    public void Synthetic_votes_recover_the_true_ratings_within_their_intervals()
    {
        // 40 models with known ratings, 40,000 votes with ties, fixed seed.
        const int models = 40;
        var random = new SplitMix(12345, 0);
        var truth = Enumerable.Range(0, models).Select(_ => 1000 + 120 * random.NextGaussian()).ToArray();
        var mean = truth.Average();
        truth = truth.Select(t => t - mean + 1000).ToArray();
        var names = Enumerable.Range(0, models).Select(i => $"m{i:00}").ToArray();
        var counts = new List<(string, string, int, int, int)>();
        for (var v = 0; v < 40_000; v++)
        {
            var a = random.NextInt(models);
            var b = random.NextInt(models - 1);
            b += b >= a ? 1 : 0;
            // Ties drawn so that the expected score of a is still P(a beats b): ties are half wins in the model.
            var p = RatingScale.WinProbability(truth[a], truth[b]);
            var tie = 0.4 * p * (1 - p);
            var u = random.NextDouble();
            counts.Add(u < p - tie / 2 ? (names[a], names[b], 1, 0, 0) : u < p + tie / 2 ? (names[a], names[b], 0, 1, 0) : (names[a], names[b], 0, 0, 1));
        }

        var table = VoteTable.FromCounts(names, counts);
        var votes = new VoteSet("synthetic", VoteFileFormat.Csv, table, new VoteFilterStats(40_000, 40_000, 0, 0, 0, 0, 0, 0, 0), null);
        var board = ArenaRater.Rate(votes, new ArenaRatingOptions { BootstrapRounds = 100, Seed = 1 });
        var covered = board.Ratings.Count(r => truth[Array.IndexOf(names, r.Model)] is var t && t >= r.Lower && t <= r.Upper);
        var report = string.Join("\n", board.Ratings.Select(r => $"{r.Model} {truth[Array.IndexOf(names, r.Model)]:F1} {r.Rating:F1} [{r.Lower:F1},{r.Upper:F1}]"));
        ((double)covered / models).ShouldBeGreaterThanOrEqualTo(0.9, report);
    }

    [Fact]
    public void Multinomial_draws_keep_the_total_and_have_the_right_moments()
    {
        // Cells from tiny (multiplication method) to large (PTRS); N fixed; per-cell mean N·p and variance N·p·(1 − p).
        long[] counts = [0, 1, 3, 9, 10, 40, 250, 5_000, 20_000];
        var total = counts.Sum();
        var sampler = new MultinomialSampler(counts);
        var drawn = new long[counts.Length];
        var tree = new long[counts.Length + 1];
        const int rounds = 20_000;
        var sums = new double[counts.Length];
        var squares = new double[counts.Length];
        for (var r = 0; r < rounds; r++)
        {
            sampler.Draw(new SplitMix(11, (ulong)r), drawn, tree);
            drawn.Sum().ShouldBe(total);
            drawn[0].ShouldBe(0);
            for (var k = 0; k < counts.Length; k++)
            {
                sums[k] += drawn[k];
                squares[k] += drawn[k] * (double)drawn[k];
            }
        }

        for (var k = 1; k < counts.Length; k++)
        {
            var p = (double)counts[k] / total;
            var mean = sums[k] / rounds;
            var variance = squares[k] / rounds - mean * mean;
            var expectedVariance = total * p * (1 - p);
            mean.ShouldBe(counts[k], 5 * Math.Sqrt(expectedVariance / rounds), $"cell {k}");
            (variance / expectedVariance).ShouldBeInRange(0.93, 1.07, $"cell {k}");
        }
    }
}
