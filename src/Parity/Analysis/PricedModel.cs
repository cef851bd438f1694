namespace Parity.Analysis;

/// <summary>A rated model with an API price, for value-for-money analysis.</summary>
/// <param name="Model">The model's rating on the snapshot analysed.</param>
/// <param name="InputPerMillion">USD per million input tokens.</param>
/// <param name="OutputPerMillion">USD per million output tokens.</param>
/// <param name="PriceSource">Where the price comes from (feed and file).</param>
/// <param name="PriceDate">The date of that price.</param>
public sealed record PricedModel(RatedModel Model, double InputPerMillion, double OutputPerMillion, string PriceSource, string? PriceDate)
{
    /// <summary>The blend used throughout: 3 parts input to 1 part output, the common convention for chat workloads.</summary>
    public const string BlendText = "blended price = (3 × input + 1 × output) / 4 USD per million tokens";

    /// <summary>Blended USD per million tokens, 3 input : 1 output.</summary>
    public double Blended => ValueForMoney.Blend(InputPerMillion, OutputPerMillion);
}
