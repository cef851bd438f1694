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
    public void Binomial_draws_have_the_right_mean_and_variance()
    {
        foreach (var (n, p) in new[] { (50L, 0.05), (1_000_000L, 0.3), (400L, 0.9), (1_000L, 0.02) })
        {
            var random = new SplitMix(9, (ulong)n);
            const int draws = 20_000;
            var values = Enumerable.Range(0, draws).Select(_ => (double)Binomial.Sample(random, n, p)).ToArray();
            var mean = values.Average();
            var variance = values.Sum(v => (v - mean) * (v - mean)) / (draws - 1);
            var sd = Math.Sqrt(n * p * (1 - p));
            mean.ShouldBe(n * p, 5 * sd / Math.Sqrt(draws));
            (variance / (n * p * (1 - p))).ShouldBeInRange(0.95, 1.05);
            values.ShouldAllBe(v => v >= 0 && v <= n);
        }
    }

    [Fact]
    public void Multinomial_draws_keep_the_total()
    {
        var random = new SplitMix(1, 2);
        long[] weights = [5, 0, 100, 7, 3000];
        var counts = new long[5];
        Binomial.Multinomial(random, 3112, weights, weights.Sum(), counts);
        counts.Sum().ShouldBe(3112);
        counts[1].ShouldBe(0);
    }
}
