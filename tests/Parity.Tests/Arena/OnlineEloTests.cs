using Parity.Arena;

namespace Parity.Tests.Arena;

public class OnlineEloTests
{
    [Fact]
    public void A_hand_checked_sequence()
    {
        // Win for A: E = 0.5, A += 4·0.5. Then B wins: E_A = 1/(1 + 10^(−4/400)), A += 4·(0 − E_A). Then a tie.
        var ratings = OnlineElo.Compute(2, [0, 0, 0], [1, 1, 1], [BattleOutcome.ModelA, BattleOutcome.ModelB, BattleOutcome.TieBothBad]);
        ratings[0].ShouldBe(999.9772402495474, 1e-10);
        ratings[1].ShouldBe(1000.0227597504526, 1e-10);
        var afterOne = OnlineElo.Compute(2, [0], [1], [BattleOutcome.ModelA]);
        afterOne.ShouldBe([1002.0, 998.0]);
    }

    [Fact]
    public void Real_votes_in_file_order_are_deterministic_and_match_an_independent_loop()
    {
        var path = SharedData.PathOf("arena/battles/elobench_chatbot_arena_conversations_en_singleturn.csv");
        var votes = VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter(), keepSequence: true);
        var options = new ArenaRatingOptions { Method = RatingMethod.Elo, BootstrapRounds = 0 };
        var first = ArenaRater.Rate(votes, options);
        var second = ArenaRater.Rate(VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter(), keepSequence: true), options);
        first.Ratings.Select(r => r.Rating).ShouldBe(second.Ratings.Select(r => r.Rating));

        // Values from a plain Python loop over the CSV rows (K = 4, base 10, scale 400, init 1000).
        double Of(string model) => first.Ratings.Single(r => r.Model == model).Rating;
        Of("gpt-4").ShouldBe(1193.3903844520219, 1e-9);
        Of("claude-v1").ShouldBe(1166.952816104634, 1e-9);
        Of("palm-2").ShouldBe(1051.1289747251176, 1e-9);
        Of("dolly-v2-12b").ShouldBe(846.6776558500459, 1e-9);
        first.Ratings.Sum(r => r.Rating).ShouldBe(20 * 1000, 1e-6); // Elo conserves the sum
    }

    [Fact]
    public void Battles_are_played_in_timestamp_order_when_every_battle_has_one()
    {
        var dir = Directory.CreateTempSubdirectory("parity-elo-").FullName;
        try
        {
            // File order: b wins, then a wins; by tstamp the a-win comes first.
            var path = Path.Combine(dir, "votes.jsonl");
            File.WriteAllText(path, """
                {"model_a": "a", "model_b": "b", "winner": "model_b", "tstamp": 200}
                {"model_a": "a", "model_b": "b", "winner": "model_a", "tstamp": 100}
                """);
            var votes = VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter(), keepSequence: true);
            var board = ArenaRater.Rate(votes, new ArenaRatingOptions { Method = RatingMethod.Elo, BootstrapRounds = 0 });
            var expected = OnlineElo.Compute(2, [0, 0], [1, 1], [BattleOutcome.ModelA, BattleOutcome.ModelB]);
            board.Ratings.Single(r => r.Model == "a").Rating.ShouldBe(expected[0], 1e-12);
            board.Ratings.Single(r => r.Model == "b").Rating.ShouldBe(expected[1], 1e-12);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
