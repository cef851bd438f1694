using System.Globalization;

namespace Parity.Reports;

/// <summary>Number formats shared by the Markdown, HTML and terminal reports.</summary>
public static class Fmt
{
    public static string Score(double x) => x.ToString("F0", CultureInfo.InvariantCulture);

    public static string Points(double x) => x.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    public static string Num(double x, string format = "F1") => x.ToString(format, CultureInfo.InvariantCulture);

    public static string Pct(double p) => p.ToString("P1", CultureInfo.InvariantCulture);

    public static string Interval(double? lower, double? upper) =>
        lower is { } lo && upper is { } hi ? $"[{lo.ToString("F0", CultureInfo.InvariantCulture)}, {hi.ToString("F0", CultureInfo.InvariantCulture)}]" : "(no interval)";

    public static string Band(double? lower, double? upper) =>
        lower is { } lo && upper is { } hi ? $"[{lo.ToString("F1", CultureInfo.InvariantCulture)}, {hi.ToString("F1", CultureInfo.InvariantCulture)}]" : "(no band: a model has no published interval)";

    public static string Usd(double? x) => x switch
    {
        null => "–",
        >= 1e6 => "$" + (x.Value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 100 => "$" + x.Value.ToString("0", CultureInfo.InvariantCulture),
        _ => "$" + x.Value.ToString("0.###", CultureInfo.InvariantCulture),
    };

    public static string Origin(string? country) => country ?? "?";

    public static string Weights(bool? open) => open switch
    {
        true => "open",
        false => "closed",
        null => "?",
    };

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Sci(double? x) => x is null ? "–" : x.Value.ToString("0.00e+00", CultureInfo.InvariantCulture);

    public static string Params(double? b) => b is null ? "–" : b.Value.ToString("0.#", CultureInfo.InvariantCulture) + "B";

    /// <summary>"3.1 months" etc.</summary>
    public static string Months(double m) => m.ToString("0.0", CultureInfo.InvariantCulture);
}
