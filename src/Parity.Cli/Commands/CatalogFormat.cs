using System.Globalization;
using Parity.Catalog;
using Parity.Catalog.Pricing;

namespace Parity.Cli.Commands;

/// <summary>How catalog values are printed.</summary>
internal static class CatalogFormat
{
    public static string Usd(decimal? value) => value is null ? "–" : value.Value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Rate(TieredRate? rate)
    {
        if (rate is null)
        {
            return "–";
        }

        var text = Usd(rate.Base);
        foreach (var tier in rate.Tiers)
        {
            text += $" ({Usd(tier.UsdPerMtok)} >{Tokens(tier.AboveInputTokens)})";
        }

        return text;
    }

    public static string Tokens(long tokens) => tokens switch
    {
        >= 1_000_000 when tokens % 1_000_000 == 0 => $"{tokens / 1_000_000}M",
        >= 1_000 when tokens % 1_000 == 0 => $"{tokens / 1_000}K",
        _ => tokens.ToString("N0", CultureInfo.InvariantCulture),
    };

    public static string Count(long? value) => value is null ? "–" : value.Value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–";

    public static string Params(decimal? billions) => billions is null ? "not published" : $"{billions.Value.ToString("0.##", CultureInfo.InvariantCulture)}B";

    public static string Scientific(decimal? value) => value is null ? "–" : ((double)value.Value).ToString("0.###e+00", CultureInfo.InvariantCulture);

    public static string Source(FactSource source) => source.Url is null ? source.Name : $"{source.Name} <{source.Url}>";

    public static string Open(bool? open) => open switch
    {
        true => "open",
        false => "closed",
        _ => "?",
    };
}
