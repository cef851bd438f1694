using System.Text;
using Parity.Arena;

namespace Parity.Tests.Arena;

public sealed class ParallelReadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parity-arena-split-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Battles(int count, bool pretty, int badRecord = -1)
    {
        var text = new StringBuilder("[\n");
        for (var i = 0; i < count; i++)
        {
            var winner = i == badRecord ? "sideways" : (i % 4) switch { 0 => "model_a", 1 => "model_b", 2 => "tie", _ => "tie (bothbad)" };
            var a = $"m{i % 13}";
            var b = $"m{(i * 7 + 3) % 13}";
            if (pretty)
            {
                // FastChat's indented layout: nested arrays of objects start lines with '{' after ',' too.
                text.Append($"  {{\n    \"model_a\": \"{a}\",\n    \"model_b\": \"{b}\",\n    \"conversation_a\": [\n      {{\n        \"role\": \"user\"\n      }},\n      {{\n        \"role\": \"assistant\"\n      }}\n    ],\n    \"winner\": \"{winner}\",\n    \"anony\": {(i % 5 == 0 ? "false" : "true")},\n    \"tstamp\": {1700000000 + i}\n  }}");
            }
            else
            {
                text.Append($"{{\"model_a\": \"{a}\", \"model_b\": \"{b}\", \"winner\": \"{winner}\", \"anony\": {(i % 5 == 0 ? "false" : "true")}, \"tstamp\": {1700000000 + i}}}");
            }

            text.Append(i + 1 < count ? ",\n" : "\n");
        }

        return text.Append("]\n").ToString();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_readers_count_the_same_as_one(bool pretty)
    {
        var path = Path.Combine(_dir, "votes.json");
        File.WriteAllText(path, Battles(20_011, pretty));
        var one = VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter(), keepSequence: true, keepStyle: false, parallelThreshold: long.MaxValue, default);
        var two = VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter(), keepSequence: true, keepStyle: false, parallelThreshold: 0, default);
        two.Stats.ShouldBe(one.Stats);
        two.Table.Models.ShouldBe(one.Table.Models, ignoreOrder: true);
        foreach (var model in one.Table.Models)
        {
            two.Table.Votes[two.Table.IndexOf(model)].ShouldBe(one.Table.Votes[one.Table.IndexOf(model)]);
        }

        var eloOne = ArenaRater.Rate(one, new ArenaRatingOptions { Method = RatingMethod.Elo, BootstrapRounds = 0 });
        var eloTwo = ArenaRater.Rate(two, new ArenaRatingOptions { Method = RatingMethod.Elo, BootstrapRounds = 0 });
        eloTwo.Ratings.Select(r => (r.Model, r.Rating)).ShouldBe(eloOne.Ratings.Select(r => (r.Model, r.Rating)));
    }

    [Fact]
    public void An_error_in_the_second_half_names_the_true_line_and_record()
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, Battles(20_000, pretty: false, badRecord: 15_000));
        var error = Should.Throw<ParityException>(() => VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter(), false, false, parallelThreshold: 0, default));
        error.Message.ShouldContain("bad.json:15002:");
        error.Message.ShouldContain("record 15001");
        error.Message.ShouldContain("'sideways'");
    }

    private static string CsvBattles(int count, int badRecord = -1)
    {
        var text = new StringBuilder("id,model_a,model_b,winner,anony,tstamp\n");
        for (var i = 0; i < count; i++)
        {
            var winner = i == badRecord ? "sideways" : (i % 4) switch { 0 => "model_a", 1 => "model_b", 2 => "tie", _ => "tie (bothbad)" };
            text.Append($"{i},m{i % 13},\"m{(i * 7 + 3) % 13}\",{winner},{(i % 5 == 0 ? "false" : "true")},{1700000000 + i}\n");
        }

        return text.ToString();
    }

    [Fact]
    public void Csv_read_in_two_halves_counts_the_same_as_one()
    {
        var path = Path.Combine(_dir, "votes.csv");
        File.WriteAllText(path, CsvBattles(20_003));
        var one = VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter(), true, false, parallelThreshold: long.MaxValue, default);
        var two = VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter(), true, false, parallelThreshold: 0, default);
        two.Stats.ShouldBe(one.Stats);
        var eloOne = ArenaRater.Rate(one, new ArenaRatingOptions { Method = RatingMethod.Elo, BootstrapRounds = 0 });
        var eloTwo = ArenaRater.Rate(two, new ArenaRatingOptions { Method = RatingMethod.Elo, BootstrapRounds = 0 });
        eloTwo.Ratings.Select(r => (r.Model, r.Rating, r.Votes)).ShouldBe(eloOne.Ratings.Select(r => (r.Model, r.Rating, r.Votes)));
    }

    [Fact]
    public void Csv_error_in_the_second_half_names_the_true_line()
    {
        var path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, CsvBattles(20_000, badRecord: 17_000));
        var error = Should.Throw<ParityException>(() => VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter(), false, false, parallelThreshold: 0, default));
        error.Message.ShouldContain("bad.csv:17002:");
        error.Message.ShouldContain("'sideways'");
    }
}
