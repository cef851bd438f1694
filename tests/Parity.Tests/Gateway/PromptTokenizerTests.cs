using Parity.Gateway;

namespace Parity.Tests.Gateway;

public sealed class PromptTokenizerTests
{
    [Fact]
    public void Counts_with_the_real_tiktoken_encodings()
    {
        // OpenAI's cookbook ("How to count tokens with tiktoken"): "tiktoken is great!" is 6 tokens in cl100k_base.
        PromptTokenizer.Count(TokenEncoding.Cl100k, "tiktoken is great!").ShouldBe(6);
        PromptTokenizer.Count(TokenEncoding.O200k, "").ShouldBe(0);
        // Chinese text: o200k's larger vocabulary needs fewer tokens than cl100k for the same characters.
        const string chinese = "大型语言模型的价格在过去两年里下降了很多，开源模型的能力也越来越接近闭源模型。";
        PromptTokenizer.Count(TokenEncoding.O200k, chinese).ShouldBeLessThan(PromptTokenizer.Count(TokenEncoding.Cl100k, chinese));
    }

    [Theory]
    [InlineData("gpt-4o-mini", TokenEncoding.O200k, true)]
    [InlineData("gpt-4.1", TokenEncoding.O200k, true)]
    [InlineData("openai/gpt-5", TokenEncoding.O200k, true)]
    [InlineData("o3-mini", TokenEncoding.O200k, true)]
    [InlineData("o1", TokenEncoding.O200k, true)]
    [InlineData("gpt-4-turbo", TokenEncoding.Cl100k, true)]
    [InlineData("gpt-4", TokenEncoding.Cl100k, true)]
    [InlineData("gpt-3.5-turbo", TokenEncoding.Cl100k, true)]
    [InlineData("deepseek-chat", TokenEncoding.O200k, false)]
    [InlineData("qwen-plus", TokenEncoding.O200k, false)]
    [InlineData("o1mini", TokenEncoding.O200k, false)]
    public void Picks_the_encoding_by_model_family_and_says_when_it_is_an_estimate(string name, TokenEncoding encoding, bool known)
    {
        PromptTokenizer.ForModel(null, name).ShouldBe((encoding, known));
    }

    [Fact]
    public void The_config_wins_and_an_unknown_tokenizer_is_refused()
    {
        PromptTokenizer.ForModel("cl100k", "deepseek-chat").ShouldBe((TokenEncoding.Cl100k, true));
        PromptTokenizer.ForModel(null, null, "", "gpt-4o").ShouldBe((TokenEncoding.O200k, true)); // the first name that is given
        Should.Throw<ParityException>(() => PromptTokenizer.ForModel("llama3", "x")).Message.ShouldContain("'llama3' is not a tokenizer (o200k, cl100k)");
    }

    [Fact]
    public void Calibration_takes_a_larger_ratio_at_once_and_a_smaller_one_slowly()
    {
        var calibration = new PromptCalibration();
        calibration.Reserve("m", 1000).ShouldBe(1000);
        calibration.Observe("m", counted: 1000, reported: 3000);
        calibration.Factor("m").ShouldBe(3);
        calibration.Reserve("m", 1000).ShouldBe(3000);
        calibration.Observe("m", counted: 1000, reported: 1000); // one short report moves it 2% of the way back
        calibration.Factor("m").ShouldBe(3 - (2 * PromptCalibration.Decay), 1e-12);
        calibration.Observe("m", counted: 10, reported: 1000); // too small a prompt to learn from
        calibration.Factor("m").ShouldBeLessThan(3);
        calibration.Observe("other", counted: 1000, reported: 500); // never below the count itself
        calibration.Factor("other").ShouldBe(1);
        calibration.Observe("m", counted: 100, reported: 1_000_000);
        calibration.Factor("m").ShouldBe(PromptCalibration.MaxFactor);
    }
}
