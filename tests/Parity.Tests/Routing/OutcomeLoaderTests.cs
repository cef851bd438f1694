using Parity.Routing;
using Parity.Testing;

namespace Parity.Tests.Routing;

public sealed class OutcomeLoaderTests
{
    [Fact]
    public void RouteLLM_gsm8k_loads_both_models_and_drops_the_listed_contaminated_prompts()
    {
        var data = OutcomeLoader.Load(SharedData.PathOf("outputs/routellm/gsm8k_responses.csv.gz"));

        data.Models.ShouldBe(["mistralai/Mixtral-8x7B-Instruct-v0.1", "gpt-4-1106-preview"]);
        data.DroppedContaminated.ShouldBe(12);
        data.Items.Count.ShouldBe(1319 - 12);
        data.ContaminationList!.ShouldEndWith("gsm8k_contaminated_prompts.jsonl.gz");
        data.Items.ShouldNotContain(i => i.Prompt.StartsWith("Janet’s ducks lay 16 eggs", StringComparison.Ordinal));
        var gpt4 = data.IndexOf("gpt-4", "--strong");
        // RouteLLM's own figure before decontamination is 85.7%; after dropping 12 prompts it stays near it.
        data.Items.Average(i => i.Scores[gpt4]!.Value).ShouldBe(0.857, 0.005);
    }

    [Fact]
    public void The_contamination_list_can_be_turned_off()
    {
        var data = OutcomeLoader.Load(SharedData.PathOf("outputs/routellm/gsm8k_responses.csv.gz"), "none");

        data.Items.Count.ShouldBe(1319);
        data.DroppedContaminated.ShouldBe(0);
    }

    [Fact]
    public void ZeroEval_folder_loads_42_models_with_blank_cells_as_missing()
    {
        var data = OutcomeLoader.Load(SharedData.PathOf("outputs/gsm8k/zeroeval"));

        data.Models.Count.ShouldBe(42);
        data.Items.Count.ShouldBe(1319);
        var flash = data.IndexOf("gemini-1.5-flash-exp-0827", "--weak");
        data.Items.Count(i => i.Scores[flash] is not null).ShouldBe(681);
        data.Items[0].Prompt.ShouldStartWith("Janet’s ducks");
    }

    [Fact]
    public void Training_data_with_one_model_is_an_error_naming_the_file_and_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"one_model_{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "prompt,gpt-4\nWhat is 2+2?,True\n");
        var ex = Should.Throw<ParityException>(() => OutcomeLoader.Load(path));
        File.Delete(path);

        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("field 'models'");
        ex.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void A_value_that_is_not_an_outcome_names_the_file_line_and_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad_{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "prompt,a,b\nq1,True,False\nq2,True,maybe\n");
        var ex = Should.Throw<ParityException>(() => OutcomeLoader.Load(path));
        File.Delete(path);

        ex.Message.ShouldBe($"{path}, line 3: field 'b' = 'maybe' is not an outcome (True/False, 0/1 or a score in [0, 1]).");
    }

    [Fact]
    public void A_model_name_may_be_a_unique_part_of_the_column_name()
    {
        var data = OutcomeLoader.Load(SharedData.PathOf("outputs/routellm/gsm8k_responses.csv.gz"));

        data.Models[data.IndexOf("mixtral", "--weak")].ShouldBe("mistralai/Mixtral-8x7B-Instruct-v0.1");
        Should.Throw<ParityException>(() => data.IndexOf("claude", "--weak")).Message.ShouldContain("--weak 'claude' is not one of its models");
    }

    [Fact]
    public void An_empty_data_file_and_a_header_without_rows_are_errors_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"empty_{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "");
        Should.Throw<ParityException>(() => OutcomeLoader.Load(path)).Message.ShouldBe($"{path}: the file is empty.");
        File.WriteAllText(path, "prompt,a,b\n");
        Should.Throw<ParityException>(() => OutcomeLoader.Load(path)).Message.ShouldBe($"{path}: the data has no items.");
        File.Delete(path);
    }
}
