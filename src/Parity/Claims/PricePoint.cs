namespace Parity.Claims;

/// <summary>A model's API price from one source.</summary>
/// <param name="Model">The catalog id of the model.</param>
/// <param name="InputPerMillion">USD per million input tokens.</param>
/// <param name="OutputPerMillion">USD per million output tokens.</param>
/// <param name="Source">The price feed and file.</param>
/// <param name="Date">The date of the price.</param>
public sealed record PricePoint(string Model, double InputPerMillion, double OutputPerMillion, string Source, string? Date)
{
    /// <summary>3 input : 1 output.</summary>
    public double Blended => Analysis.ValueForMoney.Blend(InputPerMillion, OutputPerMillion);

    /// <summary>The price named by a claim field: <c>input</c>, <c>output</c> or <c>blended</c>.</summary>
    public double Get(string field) => field switch
    {
        "input" => InputPerMillion,
        "output" => OutputPerMillion,
        _ => Blended,
    };
}
