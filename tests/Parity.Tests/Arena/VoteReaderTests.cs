using Parity.Arena;

namespace Parity.Tests.Arena;

public sealed class VoteReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parity-arena-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Battles = """
        [
          {"question_id": "q1", "model_a": "alpha", "model_b": "beta", "winner": "model_a", "judge": "arena_user_1",
           "conversation_a": [{"role": "user", "content": "hi {\"nested\": [1,2]}"}], "turn": 1, "anony": true, "language": "English",
           "tstamp": 1712000000.5, "dedup_tag": {"high_freq": false, "sampled": true}, "is_code": true,
           "category_tag": {"criteria_v0.1": {"specificity": true, "domain_knowledge": true, "complexity": true, "problem_solving": true, "creativity": true, "technical_accuracy": true, "real_world": false},
                            "math_v0.1": {"math": false}, "if_v0.1": {"if": true, "score": 4}},
           "conv_metadata": {"sum_assistant_a_tokens": 100, "sum_assistant_b_tokens": 50,
             "header_count_a": {"h1": 1, "h2": 2, "h3": 0, "h4": 0, "h5": 0, "h6": 0}, "header_count_b": {"h1": 0, "h2": 0, "h3": 0, "h4": 0, "h5": 0, "h6": 0},
             "list_count_a": {"ordered": 2, "unordered": 3}, "list_count_b": {"ordered": 0, "unordered": 1},
             "bold_count_a": {"**": 4, "__": 0}, "bold_count_b": {"**": 0, "__": 0}}},
          {"model_a": "beta", "model_b": "gamma", "winner": "tie (bothbad)", "anony": false, "language": "English", "tstamp": 1712000100, "dedup_tag": {"high_freq": false, "sampled": true}, "is_code": false},
          {"model_a": "gamma", "model_b": "alpha", "winner": "model_b", "anony": true, "language": "Chinese", "tstamp": 1712100000, "dedup_tag": {"high_freq": true, "sampled": false}, "is_code": false},
          {"model_a": "gamma", "model_b": "beta", "winner": "tie", "anony": true, "language": "Chinese", "tstamp": 1714000000, "dedup_tag": {"high_freq": false, "sampled": true}, "is_code": true}
        ]
        """;

    [Fact]
    public void Clean_battle_json_is_filtered_as_lmarena_does()
    {
        var path = Write("clean_battle_test.json", Battles);
        var votes = VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter());
        votes.Format.ShouldBe(VoteFileFormat.Json);
        votes.Stats.Read.ShouldBe(4);
        votes.Stats.NotAnonymous.ShouldBe(1);
        votes.Stats.NotSampled.ShouldBe(1);
        votes.Stats.Kept.ShouldBe(2);
        votes.Table.Models.ShouldBe(["alpha", "beta", "gamma"], ignoreOrder: true);

        var all = VoteLoader.Load(path, VoteFileFormat.Json, new VoteFilter { AnonymousOnly = false, DeduplicatedOnly = false });
        all.Stats.Kept.ShouldBe(4);

        VoteLoader.Load(path, VoteFileFormat.Json, new VoteFilter { Languages = ["chinese"] }).Stats.Kept.ShouldBe(1);
        VoteLoader.Load(path, VoteFileFormat.Json, new VoteFilter { Category = "coding" }).Stats.Kept.ShouldBe(2);
        VoteLoader.Load(path, VoteFileFormat.Json, new VoteFilter { Category = "hard_6" }).Stats.Kept.ShouldBe(1);
        VoteLoader.Load(path, VoteFileFormat.Json, new VoteFilter { Category = "if" }).Stats.Kept.ShouldBe(1);
        // 1712000000 is 2024-04-01; 1714000000 is 2024-04-24.
        VoteLoader.Load(path, VoteFileFormat.Json, new VoteFilter { From = new DateOnly(2024, 4, 2) }).Stats.Kept.ShouldBe(1);
        VoteLoader.Load(path, VoteFileFormat.Json, new VoteFilter { To = new DateOnly(2024, 4, 1) }).Stats.Kept.ShouldBe(1);
    }

    [Fact]
    public void Style_counts_are_summed_from_conv_metadata()
    {
        var path = Write("styled.json", Battles);
        var votes = VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter { Category = "hard_6" }, keepStyle: true);
        var style = votes.Sequence!.Style;
        // (a − b)/(a + b + 1): tokens (100−50)/151, headers 3/4, lists (5−1)/7, bold 4/5.
        style[0].ShouldBe(50.0 / 151, 1e-12);
        style[1].ShouldBe(3.0 / 4, 1e-12);
        style[2].ShouldBe(4.0 / 7, 1e-12);
        style[3].ShouldBe(4.0 / 5, 1e-12);
    }

    [Fact]
    public void Json_lines_and_json_array_read_the_same()
    {
        var lines = string.Join('\n', new[]
        {
            """{"model_a": "a", "model_b": "b", "winner": "model_a"}""",
            """{"model_a": "b", "model_b": "c", "winner": "model_b"}""",
            """{"model_a": "c", "model_b": "a", "winner": "tie"}""",
        });
        var jsonl = VoteLoader.Load(Write("v.jsonl", lines), VoteFileFormat.Auto, new VoteFilter());
        var array = VoteLoader.Load(Write("v.json", "[" + lines.Replace("\n", ",\n") + "]"), VoteFileFormat.Auto, new VoteFilter());
        jsonl.Format.ShouldBe(VoteFileFormat.JsonLines);
        jsonl.Table.TotalVotes.ShouldBe(3);
        array.Table.TotalVotes.ShouldBe(3);
        jsonl.Table.Votes.ShouldBe(array.Table.Votes);
    }

    [Fact]
    public void Whitespace_layouts_and_escaped_names_read_the_same()
    {
        // The reader's fast paths assume "key": value with at most one space; other layouts take the
        // slow paths and must give the same counts. Names longer than 16 bytes and escaped ones too.
        var compact = """[{"model_a":"a-very-long-model-name-v2","model_b":"b","winner":"model_a","anony":true,"dedup_tag":{"sampled":true,"high_freq":false}},{"model_a":"b","model_b":"c\u002dx","winner":"tie","dedup_tag":{"high_freq":true,"sampled":false}},{"model_a":"c-x","model_b":"a-very-long-model-name-v2","winner":"model_b"}]""";
        var spread = "[\n\t{ \"model_a\" :  \"a-very-long-model-name-v2\" ,\r\n  \"model_b\"\t:\t\"b\", \"winner\": \"model_a\",\n \"anony\":  true,  \"dedup_tag\" : { \"sampled\" : true , \"high_freq\" : false } } ,\n"
            + "  {\"model_a\": \"b\", \"model_b\": \"c-x\", \"winner\": \"tie\", \"dedup_tag\": {\"high_freq\": true, \"sampled\": false}},\n"
            + "  {  \"model_a\":\"c\\u002dx\",\"model_b\":  \"a-very-long-model-name-v2\"  ,  \"winner\":\"model_b\"  }\n]\n";
        var a = VoteLoader.Load(Write("compact.json", compact), VoteFileFormat.Auto, new VoteFilter());
        var b = VoteLoader.Load(Write("spread.json", spread), VoteFileFormat.Auto, new VoteFilter());
        foreach (var votes in new[] { a, b })
        {
            votes.Stats.Read.ShouldBe(3);
            votes.Stats.NotSampled.ShouldBe(1);
            votes.Table.TotalVotes.ShouldBe(2);
            votes.Table.Models.ShouldBe(["a-very-long-model-name-v2", "b", "c-x"], ignoreOrder: true);
        }

        a.Table.Votes.ShouldBe(b.Table.Votes);
    }

    [Fact]
    public void Csv_reads_extra_columns_and_quoted_fields()
    {
        var path = Write("v.csv", "id,model_a,model_b,winner,anony,note\n1,a,b,model_a,true,\"x, y\"\n2,b,a,tie (bothbad),false,\n3,\"a\",c,model_b,1,\"say \"\"hi\"\"\"\n");
        var votes = VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter());
        votes.Stats.Read.ShouldBe(3);
        votes.Stats.NotAnonymous.ShouldBe(1);
        votes.Table.TotalVotes.ShouldBe(2);
    }

    [Fact]
    public void Large_json_crosses_buffer_boundaries()
    {
        var writer = new StringWriter();
        writer.Write('[');
        for (var i = 0; i < 30_000; i++)
        {
            writer.Write(i == 0 ? "" : ",\n");
            writer.Write($$"""{"model_a": "model-{{i % 7}}", "model_b": "model-{{(i + 3) % 11}}", "winner": "{{(i % 3 == 0 ? "model_a" : i % 3 == 1 ? "model_b" : "tie")}}", "anony": true, "conversation_a": "{{new string('x', i % 200)}}"}""");
        }

        writer.Write(']');
        var votes = VoteLoader.Load(Write("big.json", writer.ToString()), VoteFileFormat.Auto, new VoteFilter());
        votes.Stats.Read.ShouldBe(30_000);
        (votes.Stats.Kept + votes.Stats.SelfBattles).ShouldBe(30_000);
    }

    [Fact]
    public void Unknown_winner_label_names_the_line_and_record()
    {
        var csv = Write("bad.csv", "model_a,model_b,winner\na,b,model_a\na,b,draw\n");
        var error = Should.Throw<ParityException>(() => VoteLoader.Load(csv, VoteFileFormat.Auto, new VoteFilter()));
        error.Message.ShouldContain("bad.csv:3");
        error.Message.ShouldContain("'draw'");

        var json = Write("bad.json", "[\n{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"model_a\"},\n{\"model_a\": \"a\", \"model_b\": \"b\",\n \"winner\": \"left\"}\n]");
        error = Should.Throw<ParityException>(() => VoteLoader.Load(json, VoteFileFormat.Auto, new VoteFilter()));
        error.Message.ShouldContain("bad.json:4");
        error.Message.ShouldContain("record 2");
        error.Message.ShouldContain("'left'");
    }

    [Fact]
    public void Missing_column_or_field_is_named()
    {
        var csv = Write("nowinner.csv", "model_a,model_b,result\na,b,model_a\n");
        Should.Throw<ParityException>(() => VoteLoader.Load(csv, VoteFileFormat.Auto, new VoteFilter()))
            .Message.ShouldContain("nowinner.csv:1: missing column 'winner'");

        var json = Write("nofield.jsonl", "{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"tie\"}\n{\"model_a\": \"a\", \"winner\": \"tie\"}\n");
        var error = Should.Throw<ParityException>(() => VoteLoader.Load(json, VoteFileFormat.Auto, new VoteFilter()));
        error.Message.ShouldContain("nofield.jsonl:2");
        error.Message.ShouldContain("record 2 has no field 'model_b'");
    }

    [Fact]
    public void Truncated_json_is_reported_with_its_position()
    {
        var path = Write("cut.json", "[\n{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"model_a\"},\n{\"model_a\": \"a\", \"model_b\": \"b\", \"win");
        var error = Should.Throw<ParityException>(() => VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter()));
        error.Message.ShouldContain("cut.json:3");
        error.Message.ShouldContain("truncated");
        error.Message.ShouldContain("record 2");
    }

    [Fact]
    public void Empty_files_are_rejected()
    {
        Should.Throw<ParityException>(() => VoteLoader.Load(Write("empty.json", ""), VoteFileFormat.Auto, new VoteFilter())).Message.ShouldContain("empty");
        Should.Throw<ParityException>(() => VoteLoader.Load(Write("empty.csv", ""), VoteFileFormat.Auto, new VoteFilter())).Message.ShouldContain("empty");
        Should.Throw<ParityException>(() => VoteLoader.Load(Write("header.csv", "model_a,model_b,winner\n"), VoteFileFormat.Auto, new VoteFilter())).Message.ShouldContain("no votes");
        Should.Throw<ParityException>(() => VoteLoader.Load(Write("none.json", "[]"), VoteFileFormat.Auto, new VoteFilter())).Message.ShouldContain("no votes");
    }

    [Fact]
    public void Filters_the_file_cannot_support_are_errors()
    {
        var path = Write("plain.csv", "model_a,model_b,winner\na,b,model_a\n");
        Should.Throw<ParityException>(() => VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter { From = new DateOnly(2024, 1, 1) }))
            .Message.ShouldContain("no field 'tstamp'");
        Should.Throw<ParityException>(() => VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter { Category = "made_up" }))
            .Message.ShouldContain("unknown category");
    }

    [Fact]
    public void Min_votes_drops_rare_models()
    {
        var path = Write("rare.csv", "model_a,model_b,winner\na,b,model_a\na,b,model_b\na,b,tie\nb,c,model_a\n");
        var votes = VoteLoader.Load(path, VoteFileFormat.Auto, new VoteFilter { MinVotes = 2 });
        votes.Table.Models.ShouldBe(["a", "b"]);
        votes.Stats.BelowMinVotes.ShouldBe(1);
    }
}
