using Parity.Arena;

namespace Parity.Tests.Arena;

public class BradleyTerryTests
{
    private static string RealVotes => SharedData.PathOf("arena/battles/elobench_chatbot_arena_conversations_en_singleturn.csv");

    [Fact]
    public void Textbook_example_gives_the_published_strengths()
    {
        // Wikipedia "Bradley–Terry model" worked example, also arena-rank's unit test: A–B 2:3, A–D 1:4, B–C 5:3, C–D 1:3.
        var table = VoteTable.FromCounts(["A", "B", "C", "D"], [("A", "B", 2, 0, 3), ("A", "D", 1, 0, 4), ("B", "C", 5, 0, 3), ("C", "D", 1, 0, 3)]);
        var fit = BradleyTerryFit.Fit(table);
        var strengths = fit.Theta.Select(Math.Exp).ToArray(); // mean θ 0 ⇔ geometric mean 1
        strengths[0].ShouldBe(0.640, 0.640e-3);
        strengths[1].ShouldBe(1.043, 1.043e-3);
        strengths[2].ShouldBe(0.660, 0.660e-3);
        strengths[3].ShouldBe(2.270, 2.270e-3);
        Math.Exp(fit.Theta.Average()).ShouldBe(1, 1e-12);
    }

    [Fact]
    public void Ties_count_as_half_a_win_for_each_side()
    {
        // One tie is worth the same as one win each way: the two tables have the same maximum.
        var withTies = VoteTable.FromCounts(["A", "B", "C"], [("A", "B", 3, 2, 1), ("B", "C", 2, 2, 2), ("A", "C", 1, 4, 1)]);
        var asWins = VoteTable.FromCounts(["A", "B", "C"], [("A", "B", 6 + 2, 0, 2 + 2), ("B", "C", 4 + 2, 0, 4 + 2), ("A", "C", 2 + 4, 0, 2 + 4)]);
        var a = BradleyTerryFit.Fit(withTies).Theta;
        var b = BradleyTerryFit.Fit(asWins).Theta;
        // Doubling every count leaves the maximum unchanged, so doubled wins + one per side per tie must match.
        for (var i = 0; i < 3; i++)
        {
            a[i].ShouldBe(b[i], 1e-10);
        }
    }

    [Fact]
    public void Real_votes_reach_the_true_maximum_and_a_second_solver_agrees()
    {
        var votes = VoteLoader.Load(RealVotes, VoteFileFormat.Auto, new VoteFilter());
        votes.Table.TotalVotes.ShouldBe(25_938);
        votes.Table.Models.Count.ShouldBe(20);

        var fit = BradleyTerryFit.Fit(votes.Table);
        var data = PairData.From(votes.Table);
        var gradient = new double[data.Models];
        BradleyTerrySolver.LogLikelihood(data, fit.Theta, gradient);
        BradleyTerrySolver.MaxAbs(gradient).ShouldBeLessThan(1e-8);

        var mm = BradleyTerryMm.Fit(data);
        for (var i = 0; i < data.Models; i++)
        {
            RatingScale.Rating(mm[i]).ShouldBe(RatingScale.Rating(fit.Theta[i]), 1e-6, votes.Table.Models[i]);
        }
    }

    [Fact]
    public void Real_votes_match_an_independent_scipy_fit()
    {
        // Regression values from SciPy L-BFGS-B on the unaggregated votes (gtol 1e-12), mean-1000 scale.
        var board = ArenaRater.Rate(VoteLoader.Load(RealVotes, VoteFileFormat.Auto, new VoteFilter()), new ArenaRatingOptions { BootstrapRounds = 0 });
        double Of(string model) => board.Ratings.Single(r => r.Model == model).Rating;
        Of("gpt-4").ShouldBe(1228.5782203963186, 1e-3);
        Of("claude-v1").ShouldBe(1178.435172103873, 1e-3);
        Of("llama-13b").ShouldBe(815.1865417165479, 1e-3);
        Of("dolly-v2-12b").ShouldBe(841.6396681312646, 1e-3);
        board.Ratings.Average(r => r.Rating).ShouldBe(1000, 1e-9);
        board.Ratings[0].Model.ShouldBe("gpt-4");
    }

    [Fact]
    public void Anchor_shifts_every_rating_by_the_same_amount()
    {
        var votes = VoteLoader.Load(RealVotes, VoteFileFormat.Auto, new VoteFilter());
        var plain = ArenaRater.Rate(votes, new ArenaRatingOptions { BootstrapRounds = 0 });
        var anchored = ArenaRater.Rate(votes, new ArenaRatingOptions { BootstrapRounds = 0, AnchorModel = "vicuna-13b", AnchorScore = 1114 });
        anchored.Ratings.Single(r => r.Model == "vicuna-13b").Rating.ShouldBe(1114, 1e-9);
        var shift = anchored.Ratings[0].Rating - plain.Ratings[0].Rating;
        for (var k = 0; k < plain.Ratings.Count; k++)
        {
            (anchored.Ratings[k].Rating - plain.Ratings[k].Rating).ShouldBe(shift, 1e-9);
        }
    }

    [Fact]
    public void Disconnected_votes_name_the_groups()
    {
        var table = VoteTable.FromCounts(["a", "b", "c", "d"], [("a", "b", 3, 1, 2), ("c", "d", 2, 0, 2)]);
        var error = Should.Throw<ParityException>(() => BradleyTerryFit.Fit(table));
        error.Message.ShouldContain("disconnected");
        error.Message.ShouldContain("{a, b}");
        error.Message.ShouldContain("{c, d}");
    }

    [Fact]
    public void A_model_with_only_wins_is_named()
    {
        var table = VoteTable.FromCounts(["champ", "b", "c"], [("champ", "b", 5, 0, 0), ("champ", "c", 3, 0, 0), ("b", "c", 2, 1, 2)]);
        var error = Should.Throw<ParityException>(() => BradleyTerryFit.Fit(table));
        error.Message.ShouldContain("only wins: champ");
    }

    [Fact]
    public void A_model_with_only_losses_is_named()
    {
        var table = VoteTable.FromCounts(["a", "b", "loser"], [("a", "b", 2, 1, 2), ("a", "loser", 4, 0, 0), ("b", "loser", 1, 0, 0)]);
        Should.Throw<ParityException>(() => BradleyTerryFit.Fit(table)).Message.ShouldContain("only losses: loser");
    }

    [Fact]
    public void Sandwich_interval_is_close_to_the_bootstrap()
    {
        var votes = VoteLoader.Load(RealVotes, VoteFileFormat.Auto, new VoteFilter());
        var sandwich = ArenaRater.Rate(votes, new ArenaRatingOptions { Interval = IntervalMethod.Sandwich });
        var bootstrap = ArenaRater.Rate(votes, new ArenaRatingOptions { BootstrapRounds = 200, Seed = 3 });
        foreach (var s in sandwich.Ratings)
        {
            var b = bootstrap.Ratings.Single(r => r.Model == s.Model);
            var sandwichWidth = s.Upper!.Value - s.Lower!.Value;
            var bootstrapWidth = b.Upper!.Value - b.Lower!.Value;
            sandwichWidth.ShouldBeGreaterThan(0);
            (sandwichWidth / bootstrapWidth).ShouldBeInRange(0.7, 1.4, s.Model);
        }
    }
}
