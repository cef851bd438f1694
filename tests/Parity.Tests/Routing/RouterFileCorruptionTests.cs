using System.Text.Json.Nodes;
using Parity.Routing;

namespace Parity.Tests.Routing;

/// <summary>Every way a router file can be wrong is a one-line error naming the file and the field.</summary>
public sealed class RouterFileCorruptionTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"router-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(path);

    private static LearnedRouter Router()
    {
        var items = Enumerable.Range(0, 40).Select(i => new OutcomeItem($"t/{i}", i % 2 == 0 ? $"Divide {i} by {i + 1} and explain every step." : $"Greet {i}.", [1.0, i % 2 == 0 ? 0.0 : 1.0])).ToList();
        return RouterTrainer.Train(["big", "small"], items, "big", "small", new RouterTrainingOptions { Kind = RouterKind.LogReg, Buckets = 256, Epochs = 5 });
    }

    private JsonObject SavedDocument()
    {
        RouterFile.Save(path, Router(), new OutcomeSet("synthetic", ["big", "small"], [], 0, null, "00"), 40, new RouterTrainingOptions(), DateTimeOffset.UnixEpoch);
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    private string ErrorAfter(Action<JsonObject> corrupt)
    {
        var doc = SavedDocument();
        corrupt(doc);
        File.WriteAllText(path, doc.ToJsonString());
        var message = Should.Throw<ParityException>(() => RouterFile.Load(path)).Message;
        message.ShouldStartWith(path + ": ");
        message.ShouldNotContain("\n");
        return message;
    }

    [Fact]
    public void A_later_version_is_refused_by_number() =>
        ErrorAfter(d => d["version"] = 2).ShouldBe($"{path}: field 'version' is 2; this Parity reads version 1.");

    [Fact]
    public void A_missing_field_is_named_with_its_path() =>
        ErrorAfter(d => d["weights"]!.AsObject().Remove("bias")).ShouldBe($"{path}: field 'weights.bias' is missing.");

    [Fact]
    public void A_weight_that_is_not_a_number_is_refused()
    {
        var nan = Convert.ToBase64String(BitConverter.GetBytes(float.NaN));
        ErrorAfter(d => d["weights"]!["bias"] = nan).ShouldBe($"{path}: field 'weights.bias' holds a value that is not a finite number.");
    }

    [Fact]
    public void A_model_list_with_a_number_or_a_repeat_names_the_entry()
    {
        ErrorAfter(d => d["models"] = new JsonArray("big", 7)).ShouldBe($"{path}: field 'models[1]' is not a model name.");
        ErrorAfter(d => d["models"] = new JsonArray("big", "big")).ShouldBe($"{path}: field 'models[1]' repeats 'big'.");
    }

    [Fact]
    public void A_strong_model_the_list_lacks_and_a_bad_shape_scale_are_refused()
    {
        ErrorAfter(d => d["strong"] = "gpt-5").ShouldBe($"{path}: field 'strong' names 'gpt-5', which field 'models' does not list.");
        ErrorAfter(d => d["features"]!["shapeScale"] = new JsonArray(1, 0, 1)).ShouldBe($"{path}: field 'features.shapeScale[1]' is not a positive finite number.");
    }

    [Fact]
    public void A_router_for_another_pair_is_refused_by_LoadFor_naming_the_field()
    {
        SavedDocument();
        RouterFile.LoadFor(path, "BIG", "small").Strong.ShouldBe("big");
        Should.Throw<ParityException>(() => RouterFile.LoadFor(path, "gpt-4o", "small")).Message
            .ShouldStartWith($"{path}: field 'strong' is 'big', but the route's strong model is 'gpt-4o'");
        Should.Throw<ParityException>(() => RouterFile.LoadFor(path, "big", "qwen")).Message
            .ShouldStartWith($"{path}: field 'weak' is 'small', but the route's weak model is 'qwen'");
    }

    [Fact]
    public void A_file_written_before_the_shape_standardisation_scores_with_the_old_fixed_divisors()
    {
        var doc = SavedDocument();
        doc["features"]!.AsObject().Remove("shapeCenter");
        doc["features"]!.AsObject().Remove("shapeScale");
        File.WriteAllText(path, doc.ToJsonString());
        var legacy = RouterFile.Load(path);

        legacy.Features.ShapeCenter.ShouldBe([0f, 0f, 0f]);
        legacy.Features.ShapeScale.ShouldBe(PromptFeatures.LegacyShapeScale);
        // "one two three": 3 words, no numbers, no sentence mark: ln 4 / 6 as the old code wrote it.
        var x = legacy.Features.Transform("one two three");
        x.Values[^3].ShouldBe((float)(Math.Log(4) / 6), 1e-6);
        x.Values[^2].ShouldBe(0f);
    }
}
