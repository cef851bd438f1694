namespace Parity.Costs;

/// <summary>One provider's list price of an open-weights model against the model's estimated serving cost.</summary>
/// <param name="Model">The catalog id.</param>
/// <param name="Origin">The maker's country.</param>
/// <param name="Provider">Who sells it at this price.</param>
/// <param name="FirstParty">Whether the provider is the model's maker.</param>
/// <param name="InputUsdPerMtok">List price per million input tokens.</param>
/// <param name="OutputUsdPerMtok">List price per million output tokens.</param>
/// <param name="BlendedPrice">List price at 3 input : 1 output.</param>
/// <param name="BlendedCost">Estimated cost at 3 input : 1 output, central.</param>
/// <param name="BlendedCostLow">Its optimistic end.</param>
/// <param name="BlendedCostHigh">Its pessimistic end.</param>
/// <param name="Ratio">Price ÷ central cost.</param>
/// <param name="RatioLow">Price ÷ pessimistic cost.</param>
/// <param name="RatioHigh">Price ÷ optimistic cost.</param>
/// <param name="Verdict">"above cost" when the price clears even the pessimistic cost, "below cost" when it is under even the optimistic one, else "near cost".</param>
/// <param name="PriceSource">The price feed and its date.</param>
public sealed record MarginRow(
    string Model,
    string Origin,
    string Provider,
    bool FirstParty,
    decimal InputUsdPerMtok,
    decimal OutputUsdPerMtok,
    decimal BlendedPrice,
    decimal BlendedCost,
    decimal BlendedCostLow,
    decimal BlendedCostHigh,
    double Ratio,
    double RatioLow,
    double RatioHigh,
    string Verdict,
    string PriceSource);
