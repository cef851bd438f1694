using System.CommandLine;

namespace Parity.Cli.Commands;

/// <summary><c>parity cost</c>: what a model costs to train and to serve, and whether list prices sit above that.</summary>
internal static class CostCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("cost", "The cost model: training cost from GPU-hours or FLOP, serving cost from a roofline of the hardware, and list prices against serving cost. Every figure prints its formula and assumptions.");
        command.Subcommands.Add(CostTrainCommand.Create(context));
        command.Subcommands.Add(CostServeCommand.Create(context));
        command.Subcommands.Add(CostMarginCommand.Create(context));
        return command;
    }

    /// <summary>Options shared by <c>serve</c> and <c>margin</c>, read into <see cref="Costs.ServingOptions"/>.</summary>
    internal sealed class ServingFlags
    {
        public Option<string> Gpu { get; } = new("--gpu") { Description = "Accelerator (h800, h100, h20, a100, b200, mi300x, ascend-910b, ascend-910c)", DefaultValueFactory = _ => "h800" };

        public Option<int> GpusPerNode { get; } = new("--gpus-per-node") { Description = "GPUs per node", DefaultValueFactory = _ => 8 };

        public Option<string?> Precision { get; } = new("--precision") { Description = "fp8|bf16 for weights and matrix multiplications (default fp8 where the chip has it)" };

        public Option<double> PrefillMfu { get; } = new("--prefill-mfu") { Description = "Share of peak FLOP/s reached in prefill", DefaultValueFactory = _ => 0.40 };

        public Option<double> DecodeMbu { get; } = new("--decode-mbu") { Description = "Share of memory bandwidth reached in decode", DefaultValueFactory = _ => 0.60 };

        public Option<double> Context { get; } = new("--context") { Description = "Mean tokens in a decoding sequence's KV cache", DefaultValueFactory = _ => 4000 };

        public Option<int?> UnitNodes { get; } = new("--unit-nodes") { Description = "Nodes sharing one copy of the weights in decode (default: fewest that hold the weights in half their memory)" };

        public Option<double> MinSpeed { get; } = new("--min-speed") { Description = "Output tokens/s each sequence must keep (caps the batch)", DefaultValueFactory = _ => 20 };

        public Option<decimal?> Price { get; } = new("--price") { Description = "USD per GPU-hour (default: the hardware table's sourced price)" };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Gpu, GpusPerNode, Precision, PrefillMfu, DecodeMbu, Context, UnitNodes, MinSpeed, Price })
            {
                command.Options.Add(option);
            }
        }

        public Costs.ServingOptions Read(ParseResult result) => new(
            Gpu: result.GetValue(Gpu)!,
            GpusPerNode: result.GetValue(GpusPerNode),
            Precision: ParsePrecision(result.GetValue(Precision)),
            PrefillMfu: result.GetValue(PrefillMfu),
            DecodeMbu: result.GetValue(DecodeMbu),
            ContextTokens: result.GetValue(Context),
            UnitNodes: result.GetValue(UnitNodes),
            MinTokensPerSecond: result.GetValue(MinSpeed),
            PricePerGpuHour: result.GetValue(Price));
    }

    internal static Costs.Precision? ParsePrecision(string? text) => text?.ToLowerInvariant() switch
    {
        null => null,
        "fp8" => Costs.Precision.Fp8,
        "bf16" or "fp16" => Costs.Precision.Bf16,
        _ => throw new ParityException($"--precision: '{text}' is not fp8 or bf16."),
    };
}
