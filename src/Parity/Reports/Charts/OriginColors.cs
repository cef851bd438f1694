namespace Parity.Reports.Charts;

/// <summary>The colours of origins, the same in every chart (colour-blind-safe blue/vermillion/grey).</summary>
internal static class OriginColors
{
    public const string UnitedStates = "#1f5fbf";
    public const string China = "#d1495b";
    public const string Other = "#8a8a8a";
    public const string Open = "#2a9d6f";

    public static string Of(string group) => group switch
    {
        "US" => UnitedStates,
        "China" => China,
        "open weights" => Open,
        _ => Other,
    };
}
