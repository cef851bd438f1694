namespace Parity.Costs;

/// <summary>The accelerators the cost model knows (<c>data/cost/hardware.csv</c>), found by id, name or alias.</summary>
public sealed class HardwareTable
{
    private HardwareTable(IReadOnlyList<Gpu> gpus) => Gpus = gpus;

    /// <summary>Every accelerator, in file order.</summary>
    public IReadOnlyList<Gpu> Gpus { get; }

    /// <summary>Reads a hardware CSV.</summary>
    public static HardwareTable Load(string path) => new(CostCsv.Read(path, row => new Gpu(
        row.Text("gpu"),
        row.Text("name"),
        (row.NullableText("aliases") ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        row.Number("bf16_dense_tflops"),
        row.NullableNumber("fp8_dense_tflops"),
        row.Number("hbm_gb"),
        row.Number("hbm_tb_s"),
        row.Text("interconnect"),
        row.NullableNumber("interconnect_gb_s"),
        row.NullableMoney("rental_usd_per_gpu_hour"),
        row.NullableText("rental_source") is { } rental ? new CostSource(rental, row.NullableText("rental_url"), row.NullableText("rental_date")) : null,
        new CostSource(row.Text("spec_source"), row.NullableText("spec_url"), null),
        row.NullableText("notes") ?? "")));

    /// <summary>The accelerator named <paramref name="name"/>, or null.</summary>
    public Gpu? Find(string name)
    {
        var key = Normalize(name);
        return Gpus.FirstOrDefault(g => Normalize(g.Id) == key || Normalize(g.Name) == key || g.Aliases.Any(a => Normalize(a) == key));
    }

    /// <summary>The accelerator named <paramref name="name"/>; an unknown name is an error listing the known ids.</summary>
    public Gpu Get(string name) =>
        Find(name) ?? throw new ParityException($"--gpu: unknown GPU '{name}'; known: {string.Join(", ", Gpus.Select(g => g.Id))}.");

    private static string Normalize(string name) =>
        new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
