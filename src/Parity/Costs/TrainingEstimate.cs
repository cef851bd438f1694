namespace Parity.Costs;

/// <summary>What a model cost to train: the published figure where there is one, and the estimate from FLOP.</summary>
public sealed record TrainingEstimate
{
    /// <summary>The catalog id.</summary>
    public required string Model { get; init; }

    /// <summary>The accelerator priced.</summary>
    public required string Gpu { get; init; }

    /// <summary>Price per GPU-hour used, and where it comes from.</summary>
    public required decimal PricePerGpuHour { get; init; }

    /// <summary>Source of the price (the user's flag or the hardware table).</summary>
    public required string PriceSource { get; init; }

    /// <summary>Training FLOP = 6 × active parameters × tokens.</summary>
    public required double Flop { get; init; }

    /// <summary>The FLOP formula with the model's numbers.</summary>
    public required string FlopFormula { get; init; }

    /// <summary>Where the parameter and token counts come from.</summary>
    public required string FlopInputsSource { get; init; }

    /// <summary>The published GPU-hours, or null.</summary>
    public PublishedFigure? Published { get; init; }

    /// <summary>The estimate from FLOP at the chosen MFU, with the range over the MFU band.</summary>
    public required FromFlop Estimate { get; init; }

    /// <summary>Epoch AI's figures for the model, and their ratio to the estimate.</summary>
    public EpochComparison? Epoch { get; init; }

    /// <summary>The costs that no figure here includes.</summary>
    public required IReadOnlyList<string> Excluded { get; init; }

    /// <summary>Every assumption, in words.</summary>
    public required IReadOnlyList<string> Assumptions { get; init; }

    /// <summary>The published run: GPU-hours by stage, their cost at the price, and the MFU they imply.</summary>
    public sealed record PublishedFigure(decimal GpuHours, IReadOnlyList<Stage> Stages, decimal CostUsd, double ImpliedMfu, string ImpliedMfuFormula, CostSource Source, string Notes);

    /// <summary>One stage of a published run.</summary>
    public sealed record Stage(string Name, decimal GpuHours, decimal CostUsd);

    /// <summary>GPU-hours, days on the cluster and dollars from FLOP at an MFU, low/high over the band (low cost = high MFU).</summary>
    public sealed record FromFlop(double Mfu, double MfuLow, double MfuHigh, double GpuHours, double GpuHoursLow, double GpuHoursHigh, int Gpus, double Days, double DaysLow, double DaysHigh, decimal CostUsd, decimal CostUsdLow, decimal CostUsdHigh, string Formula);

    /// <summary>Epoch AI's compute and cost, beside ours.</summary>
    public sealed record EpochComparison(double? Flop, double? FlopRatio, decimal? CostUsd2023, double? CostRatio, string Source);
}
