using System.CommandLine;
using System.Globalization;
using Parity.Costs;

namespace Parity.Cli.Commands;

/// <summary><c>parity cost train MODEL</c>: training cost from published GPU-hours and from FLOP at an MFU.</summary>
internal static class CostTrainCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "Model id or any alias" };
        var gpu = new Option<string?>("--gpu") { Description = "Accelerator to price (default: the one the model was trained on, else h100)" };
        var mfu = new Option<double>("--mfu") { Description = "Model FLOPs utilisation, 0-1", DefaultValueFactory = _ => 0.35 };
        var band = new Option<double>("--mfu-band") { Description = "Half-width of the MFU range", DefaultValueFactory = _ => 0.10 };
        var price = new Option<decimal?>("--price") { Description = "USD per GPU-hour (default: the hardware table's sourced price)" };
        var gpus = new Option<int>("--gpus") { Description = "Cluster size for the days estimate", DefaultValueFactory = _ => 2048 };
        var precision = new Option<string?>("--precision") { Description = "The peak MFU refers to: bf16 (default, the usual convention) or fp8" };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("train", "Training cost: published GPU-hours × price where the makers published them, and FLOP = 6 × active parameters × tokens at an MFU, with GPU-hours, days on N GPUs, dollars over the MFU range, the MFU the published hours imply, and Epoch AI's figures beside it. Research, ablations, failed runs, staff and capital are excluded, and it says so.");
        command.Arguments.Add(model);
        foreach (var option in new Option[] { gpu, mfu, band, price, gpus, precision, format })
        {
            command.Options.Add(option);
        }

        CliAction.Set(command, context, result =>
        {
            var catalog = CatalogLoader.Load(result);
            var entry = catalog.Get(result.GetValue(model)!);
            var options = new TrainingOptions(result.GetValue(gpu), result.GetValue(mfu), result.GetValue(band), result.GetValue(price), result.GetValue(gpus),
                CostCommand.ParsePrecision(result.GetValue(precision)) ?? Precision.Bf16);
            var estimate = TrainingCostModel.Estimate(entry, options, CostData.Shipped);
            if (result.GetValue(format) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, estimate);
            }
            else
            {
                Write(context.Writer, entry.Name, estimate);
            }

            return 0;
        });
        return command;
    }

    private static void Write(TextWriter w, string name, TrainingEstimate e)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine($"{name} ({e.Model}): training cost");
        w.WriteLine($"  {e.FlopFormula}");
        w.WriteLine($"  inputs: {e.FlopInputsSource}");
        if (e.Published is { } p)
        {
            w.WriteLine($"published: {p.GpuHours.ToString("N0", c)} GPU-hours × {e.PricePerGpuHour} USD = {p.CostUsd.ToString("N0", c)} USD");
            foreach (var stage in p.Stages)
            {
                w.WriteLine($"  {stage.Name}: {stage.GpuHours.ToString("N0", c)} GPU-hours, {stage.CostUsd.ToString("N0", c)} USD");
            }

            w.WriteLine($"  implied {p.ImpliedMfuFormula}");
            w.WriteLine($"  source: {p.Source.Title}, {p.Source.Date} ({p.Source.Url})");
        }

        var f = e.Estimate;
        w.WriteLine($"from FLOP at MFU {f.Mfu:0.##} ({f.MfuLow:0.##}–{f.MfuHigh:0.##}) on {e.Gpu}:");
        w.WriteLine($"  {f.Formula}");
        w.WriteLine($"  GPU-hours {f.GpuHours.ToString("N0", c)} ({f.GpuHoursLow.ToString("N0", c)}–{f.GpuHoursHigh.ToString("N0", c)}); {f.Days:0.#} days on {f.Gpus.ToString("N0", c)} GPUs ({f.DaysLow:0.#}–{f.DaysHigh:0.#})");
        w.WriteLine($"  cost {f.CostUsd.ToString("N0", c)} USD ({f.CostUsdLow.ToString("N0", c)}–{f.CostUsdHigh.ToString("N0", c)}) at {e.PricePerGpuHour} USD per GPU-hour ({e.PriceSource})");
        if (e.Epoch is { } epoch)
        {
            w.WriteLine($"Epoch AI: {(epoch.Flop is { } ef ? ef.ToString("0.###e0", c) + " FLOP" : "no compute figure")}"
                + (epoch.FlopRatio is { } fr ? $" (ours ÷ Epoch's = {fr:0.00})" : "")
                + $"; {(epoch.CostUsd2023 is { } cost ? cost.ToString("N0", c) + " USD (2023 dollars)" : "no cost figure")}"
                + (epoch.CostRatio is { } cr ? $" (ours ÷ Epoch's = {cr:0.00})" : ""));
            w.WriteLine($"  {epoch.Source}");
        }

        w.WriteLine("assumptions: " + string.Join("; ", e.Assumptions));
        w.WriteLine("not included: " + string.Join("; ", e.Excluded));
    }
}
