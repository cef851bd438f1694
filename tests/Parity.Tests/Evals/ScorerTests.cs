using Parity.Evals;

namespace Parity.Tests.Evals;

public sealed class ScorerTests
{
    [Theory]
    [InlineData("```json\n{\"reasoning\": \"9*2\", \"answer\": \"$1,080\"}\n```", "1080", true)]
    [InlineData("{\"reasoning\": \"…\", \"answer\": 18}", "18", true)]
    [InlineData("{\"reasoning\": \"…\", \"answer\": \"18.0 dollars\"}", "18", true)]
    [InlineData("The answer: {\"reasoning\": \"x\", \"answer\": \"17\"}", "18", false)]
    [InlineData("{\"reasoning\": \"broken \"quote\", \"answer\": \"42\"", "42", true)] // regex fallback
    [InlineData("I think it is 18.", "18", false)] // the prompt asks for JSON; no answer field, no credit
    [InlineData("{\"answer\": \"-3\"}", "-3", true)]
    public void ZeroEval_json_scorer_reads_the_answer_field(string output, string gold, bool correct) =>
        (ZeroEvalJsonScorer.Score(output, gold).Score == 1).ShouldBe(correct);

    [Theory]
    [InlineData("Step 1 … 5 + 3 = 8\nAnswer: 8", "Answer", "8", true)]
    [InlineData("计算：3+5=8。\n答案：1,000", "答案", "1000", true)]
    [InlineData("… Antwort: 12.", "Antwort", "12", true)]
    [InlineData("the total is 8", "Answer", "8", false)] // no answer line: strict as MGSM
    [InlineData("Answer: 7, not 8", "Answer", "8", true)] // the last number after the prefix
    public void Answer_prefix_scorer_takes_the_last_number_after_the_prefix(string output, string prefix, string gold, bool correct) =>
        (AnswerPrefixNumberScorer.Score(output, gold, prefix, lenient: false).Score == 1).ShouldBe(correct);

    [Fact]
    public void Lenient_number_scoring_accepts_fractions_without_a_prefix() =>
        AnswerPrefixNumberScorer.Score("所以是 1/3", "2/6", "答案", lenient: true).Score.ShouldBe(1);

    [Theory]
    [InlineData("Let me think… Answer: C", "C")]
    [InlineData("Answer: (b)", "B")]
    [InlineData("**Answer: D**", "D")]
    [InlineData("答案：Ｂ", "B")]
    [InlineData("答案是C", "C")]
    [InlineData("正确答案为 A。", "A")]
    [InlineData("我选D", "D")]
    [InlineData("B", "B")]
    [InlineData("B. Paris", "B")]
    [InlineData("I am not sure about this one at all, sorry.", null)]
    public void Choice_letters_are_read_tolerantly(string output, string? letter) =>
        ChoiceLetterScorer.Extract(output).ShouldBe(letter);

    [Fact]
    public async Task Mgsm_items_carry_their_language_prefix_and_are_scored_with_it()
    {
        var suite = SuiteLoader.Load("mgsm");
        suite.Items.Count.ShouldBe(2750);
        var zh = suite.Items.First(i => i.Id == "zh/0");
        zh.Reference.ShouldBe("18");
        zh.Prompt.ShouldContain("答案");
        (await suite.Scorer.ScoreAsync(zh, "16-3-4=9，9*2=18\n答案：18", CancellationToken.None)).Score.ShouldBe(1);
        var comma = suite.Items.First(i => i.Id.StartsWith("en/", StringComparison.Ordinal) && i.Reference == "70000");
        (await suite.Scorer.ScoreAsync(comma, "Answer: $70,000", CancellationToken.None)).Score.ShouldBe(1);
    }

    [Fact]
    public void Every_builtin_suite_loads_with_its_published_size()
    {
        SuiteLoader.Load("gsm8k").Items.Count.ShouldBe(1319);
        SuiteLoader.Load("mgsm-ja").Items.Count.ShouldBe(250);
        SuiteLoader.Load("mmlu").Items.Count.ShouldBe(14042);
        SuiteLoader.Load("cmmlu").Items.Count.ShouldBe(11582);
        SuiteLoader.Load("cmmlu").Licence.ShouldContain("NON-COMMERCIAL");
        SuiteLoader.Load("cmath").Items.Count.ShouldBe(600);
        SuiteLoader.Load("humaneval").Items.Count.ShouldBe(164);
        SuiteLoader.Load("mbpp").Items.Count.ShouldBe(427);
    }

    [Fact]
    public void A_bad_custom_suite_row_names_the_file_line_and_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"suite-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, ["{\"prompt\": \"2+2?\", \"reference\": \"4\", \"scorer\": \"number\"}", "{\"prompt\": \"3+3?\"}"]);
        try
        {
            var ex = Should.Throw<ParityException>(() => SuiteLoader.Load(path));
            ex.Message.ShouldContain(path + ", line 2");
            ex.Message.ShouldContain("'reference'");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_custom_suite_scores_each_row_with_its_scorer()
    {
        var path = Path.Combine(Path.GetTempPath(), $"suite-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path,
        [
            "{\"id\": \"a\", \"prompt\": \"2+2?\", \"reference\": \"4\", \"scorer\": \"number\"}",
            "{\"id\": \"b\", \"prompt\": \"Capital of France?\", \"reference\": \"Paris\", \"scorer\": \"contains\"}",
        ]);
        try
        {
            var suite = SuiteLoader.Load(path);
            (await suite.Scorer.ScoreAsync(suite.Items[0], "It is 4.", CancellationToken.None)).Score.ShouldBe(1);
            (await suite.Scorer.ScoreAsync(suite.Items[1], "The capital is Paris.", CancellationToken.None)).Score.ShouldBe(1);
            (await suite.Scorer.ScoreAsync(suite.Items[1], "Lyon", CancellationToken.None)).Score.ShouldBe(0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Seeded_samples_are_reproducible_and_in_suite_order()
    {
        var items = SuiteLoader.Load("gsm8k").Items;
        var a = ItemSelection.Select(items, null, 50, seed: 7);
        var b = ItemSelection.Select(items, null, 50, seed: 7);
        var c = ItemSelection.Select(items, null, 50, seed: 8);
        a.Select(i => i.Id).ShouldBe(b.Select(i => i.Id));
        a.Select(i => i.Id).ShouldNotBe(c.Select(i => i.Id));
        a.Select(i => int.Parse(i.Id, System.Globalization.CultureInfo.InvariantCulture)).ShouldBeInOrder();
        ItemSelection.Select(items, 10, null, 0).Count.ShouldBe(10);
    }
}
