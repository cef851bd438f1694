using System.Globalization;

namespace Parity.Costs;

/// <summary>The cost model's shipped tables: hardware, published training runs and attention layouts.</summary>
public sealed class CostData
{
    private static readonly Lazy<CostData> LazyShipped = new(() => Load(ShippedData.PathOf("cost")));

    private CostData(HardwareTable hardware, IReadOnlyList<PublishedTrainingRun> runs, IReadOnlyList<AttentionLayout> attention)
    {
        Hardware = hardware;
        TrainingRuns = runs;
        Attention = attention;
    }

    /// <summary>The data that ships in <c>data/cost/</c>.</summary>
    public static CostData Shipped => LazyShipped.Value;

    /// <summary>The accelerators.</summary>
    public HardwareTable Hardware { get; }

    /// <summary>Training runs with published GPU-hours.</summary>
    public IReadOnlyList<PublishedTrainingRun> TrainingRuns { get; }

    /// <summary>Attention layouts (layers, attention kind, KV width) from the models' configs.</summary>
    public IReadOnlyList<AttentionLayout> Attention { get; }

    /// <summary>Reads the three tables from a folder laid out like <c>data/cost/</c>.</summary>
    public static CostData Load(string folder)
    {
        var hardware = HardwareTable.Load(Path.Combine(folder, "hardware.csv"));
        var runs = CostCsv.Read(Path.Combine(folder, "training_runs.csv"), row => new PublishedTrainingRun(
            row.Text("model_id"),
            hardware.Find(row.Text("gpu"))?.Id ?? throw row.Error("gpu", $"'{row.Text("gpu")}' is not in hardware.csv"),
            row.NullableMoney("gpu_hours") ?? throw row.Error("gpu_hours", "is empty"),
            row.Text("stages").Split('|').Select(s => ParseStage(row, s)).ToList(),
            row.Number("training_tokens"),
            row.Number("active_params_b"),
            new CostSource(row.Text("source"), row.NullableText("url"), row.NullableText("published")),
            row.NullableText("notes") ?? ""));
        var attention = CostCsv.Read(Path.Combine(folder, "attention.csv"), AttentionLayout.FromRow);
        return new CostData(hardware, runs, attention);
    }

    /// <summary>The published run of a catalog model, or null.</summary>
    public PublishedTrainingRun? RunOf(string modelId) => TrainingRuns.FirstOrDefault(r => r.ModelId == modelId);

    /// <summary>The attention layout of a catalog model, or null when the table lacks it.</summary>
    public AttentionLayout? AttentionOf(string modelId) => Attention.FirstOrDefault(a => a.ModelId == modelId);

    private static (string, decimal) ParseStage(CostCsv.Row row, string stage)
    {
        var cut = stage.LastIndexOf(' ');
        return cut > 0 && decimal.TryParse(stage[(cut + 1)..], NumberStyles.Number, CultureInfo.InvariantCulture, out var hours)
            ? (stage[..cut].Trim(), hours)
            : throw row.Error("stages", $"'{stage}' is not 'stage-name HOURS'");
    }
}
